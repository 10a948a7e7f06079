# The app server behind the front cache: gunicorn in compose's `web` service.
# The name is resolved when the VCL loads (compose starts Varnish once web is
# healthy); restart Varnish if web's container is recreated with a new address.
backend default {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    # Above gunicorn's 30 s worker timeout, so gunicorn's own error comes first.
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}
