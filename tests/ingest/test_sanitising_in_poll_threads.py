"""Bodies cleaned by many poll threads at once come out as one thread alone would clean them."""

import sys
import threading

from syndication.sanitize import clean_html


def _body(n: int) -> str:
    text = f"story {n} " * 300
    return (
        f'<p>{text}<a href="https://example.org/{n}" onclick="x()">link {n}</a>'
        f"<script>track({n})</script><em>end {n}</em></p>"
    ) * 3


def test_concurrent_cleanings_do_not_mix_up_each_others_documents():
    bodies = [_body(n) for n in range(8)]
    alone = [clean_html(body) for body in bodies]
    wrong, errors = [], []

    def clean_again(n):
        for i in range(25):
            try:
                # A new text each time, so no cleaning is skipped as already done.
                out = clean_html(f"{bodies[n]}<p>round {i}</p>")
            except Exception as exc:  # the parser's state broken by another thread
                errors.append(exc)
                continue
            if out != f"{alone[n]}<p>round {i}</p>":
                wrong.append(n)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can
    try:
        threads = [threading.Thread(target=clean_again, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)

    assert not errors
    assert not wrong
