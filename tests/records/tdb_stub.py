"""A stand-in for the EU DSA Transparency Database's API, applying its documented validation.

The rules follow `StatementStoreRequest::rules()` and the multiple-statement
endpoint (`StatementMultipleAPIController`, `GroupedSubmissionsService`) of
digital-services-act/transparency-database; the allowed values are the keys
of the constants in its `app/Models/Statement.php`. A batch is taken whole or
refused whole: 422 with errors keyed `statement_<index>`, or `existing_puids`
for identifiers already stored.
"""

import json
import re
from datetime import date

from werkzeug import Request, Response

# Keys of the constants in app/Models/Statement.php.
DECISION_VISIBILITIES = {
    "DECISION_VISIBILITY_CONTENT_REMOVED",
    "DECISION_VISIBILITY_CONTENT_DISABLED",
    "DECISION_VISIBILITY_CONTENT_DEMOTED",
    "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
    "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
    "DECISION_VISIBILITY_CONTENT_LABELLED",
    "DECISION_VISIBILITY_OTHER",
}
DECISION_MONETARIES = {
    "DECISION_MONETARY_SUSPENSION",
    "DECISION_MONETARY_TERMINATION",
    "DECISION_MONETARY_OTHER",
}
DECISION_PROVISIONS = {
    "DECISION_PROVISION_PARTIAL_SUSPENSION",
    "DECISION_PROVISION_TOTAL_SUSPENSION",
    "DECISION_PROVISION_PARTIAL_TERMINATION",
    "DECISION_PROVISION_TOTAL_TERMINATION",
}
DECISION_ACCOUNTS = {
    "DECISION_ACCOUNT_SUSPENDED",
    "DECISION_ACCOUNT_TERMINATED",
}
DECISION_GROUNDS = {
    "DECISION_GROUND_ILLEGAL_CONTENT",
    "DECISION_GROUND_INCOMPATIBLE_CONTENT",
}
CONTENT_TYPES = {
    "CONTENT_TYPE_APP",
    "CONTENT_TYPE_AUDIO",
    "CONTENT_TYPE_IMAGE",
    "CONTENT_TYPE_PRODUCT",
    "CONTENT_TYPE_SYNTHETIC_MEDIA",
    "CONTENT_TYPE_TEXT",
    "CONTENT_TYPE_VIDEO",
    "CONTENT_TYPE_OTHER",
}
SOURCE_TYPES = {
    "SOURCE_ARTICLE_16",
    "SOURCE_TRUSTED_FLAGGER",
    "SOURCE_TYPE_OTHER_NOTIFICATION",
    "SOURCE_VOLUNTARY",
}
AUTOMATED_DECISIONS = {
    "AUTOMATED_DECISION_FULLY",
    "AUTOMATED_DECISION_PARTIALLY",
    "AUTOMATED_DECISION_NOT_AUTOMATED",
}
STATEMENT_CATEGORIES = {
    "STATEMENT_CATEGORY_ANIMAL_WELFARE",
    "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
    "STATEMENT_CATEGORY_CYBER_VIOLENCE",
    "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
    "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
    "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
    "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
    "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
    "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
    "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
    "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
    "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    "STATEMENT_CATEGORY_SELF_HARM",
    "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
    "STATEMENT_CATEGORY_VIOLENCE",
}
KEYWORDS = {
    "KEYWORD_ADULT_SEXUAL_MATERIAL",
    "KEYWORD_AGE_SPECIFIC_RESTRICTIONS",
    "KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS",
    "KEYWORD_ANIMAL_HARM",
    "KEYWORD_BIOMETRIC_DATA_BREACH",
    "KEYWORD_BULLYING_AGAINST_GIRLS",
    "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL",
    "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE",
    "KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS",
    "KEYWORD_COORDINATED_HARM",
    "KEYWORD_COPYRIGHT_INFRINGEMENT",
    "KEYWORD_CYBER_BULLYING_INTIMIDATION",
    "KEYWORD_CYBER_HARASSMENT",
    "KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN",
    "KEYWORD_CYBER_INCITEMENT",
    "KEYWORD_CYBER_STALKING",
    "KEYWORD_CYBER_STALKING_AGAINST_WOMEN",
    "KEYWORD_DATA_FALSIFICATION",
    "KEYWORD_DEFAMATION",
    "KEYWORD_DESIGN_INFRINGEMENT",
    "KEYWORD_DISCRIMINATION",
    "KEYWORD_FEMALE_GENDERED_DISINFORMATION",
    "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT",
    "KEYWORD_GEOGRAPHICAL_REQUIREMENTS",
    "KEYWORD_GOODS_SERVICES_NOT_PERMITTED",
    "KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS",
    "KEYWORD_HATE_SPEECH",
    "KEYWORD_HIDDEN_ADVERTISEMENT",
    "KEYWORD_HUMAN_EXPLOITATION",
    "KEYWORD_HUMAN_TRAFFICKING",
    "KEYWORD_ILLEGAL_ORGANIZATIONS",
    "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING",
    "KEYWORD_INAUTHENTIC_ACCOUNTS",
    "KEYWORD_INAUTHENTIC_LISTINGS",
    "KEYWORD_INAUTHENTIC_USER_REVIEWS",
    "KEYWORD_INCITEMENT_AGAINST_WOMEN",
    "KEYWORD_INCITEMENT_VIOLENCE_HATRED",
    "KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS",
    "KEYWORD_LANGUAGE_REQUIREMENTS",
    "KEYWORD_MISINFORMATION_DISINFORMATION",
    "KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS",
    "KEYWORD_MISLEADING_INFO_GOODS_SERVICES",
    "KEYWORD_MISSING_PROCESSING_GROUND",
    "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING",
    "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN",
    "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE",
    "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN",
    "KEYWORD_NONCOMPLIANCE_PRICING",
    "KEYWORD_NUDITY",
    "KEYWORD_PATENT_INFRINGEMENT",
    "KEYWORD_PHISHING",
    "KEYWORD_PROHIBITED_PRODUCTS",
    "KEYWORD_PYRAMID_SCHEMES",
    "KEYWORD_RIGHT_TO_BE_FORGOTTEN",
    "KEYWORD_RISK_ENVIRONMENTAL_DAMAGE",
    "KEYWORD_RISK_PUBLIC_HEALTH",
    "KEYWORD_SELF_MUTILATION",
    "KEYWORD_STALKING",
    "KEYWORD_SUICIDE",
    "KEYWORD_TERRORIST_CONTENT",
    "KEYWORD_TRADE_SECRET_INFRINGEMENT",
    "KEYWORD_TRADEMARK_INFRINGEMENT",
    "KEYWORD_TRAFFICKING_WOMEN_GIRLS",
    "KEYWORD_UNLAWFUL_SALE_ANIMALS",
    "KEYWORD_UNSAFE_CHALLENGES",
    "KEYWORD_UNSAFE_PRODUCTS",
    "KEYWORD_VIOLATION_EU_LAW",
    "KEYWORD_VIOLATION_NATIONAL_LAW",
    "KEYWORD_OTHER",
}
AUTOMATED_DETECTIONS = {"Yes", "No"}
PUID = re.compile(r"^[a-zA-Z0-9-_]+$")


def _date(value, earliest, latest):
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "does not match the format YYYY-MM-DD"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return "does not match the format YYYY-MM-DD"
    if not earliest <= day <= latest:
        return f"must be between {earliest} and {latest}"
    return None


def _in(value, allowed, nullable=False):
    return (nullable and value is None) or value in allowed


def _array_in(value, allowed):
    return isinstance(value, list) and all(item in allowed for item in value)


def _max(value, limit):
    return value is None or (isinstance(value, str) and len(value) <= limit)


def validate(s: dict) -> dict:
    """The errors for one statement, by field, as the database lists them; {} when valid."""
    errors = {}

    def fail(field, message):
        errors.setdefault(field, []).append(f"The {field.replace('_', ' ')} {message}.")

    restrictions = ["decision_visibility", "decision_monetary", "decision_provision",
                    "decision_account"]  # fmt: skip
    if all(s.get(field) in (None, [], "") for field in restrictions):
        fail("decision_visibility", "field is required when none of the others is present")
    if s.get("decision_visibility") is not None and not _array_in(
        s["decision_visibility"], DECISION_VISIBILITIES
    ):
        fail("decision_visibility", "is invalid")
    if "DECISION_VISIBILITY_OTHER" in (s.get("decision_visibility") or []) and not s.get(
        "decision_visibility_other"
    ):
        fail("decision_visibility_other", "field is required")
    for field, allowed in [("decision_monetary", DECISION_MONETARIES),
                           ("decision_provision", DECISION_PROVISIONS),
                           ("decision_account", DECISION_ACCOUNTS)]:  # fmt: skip
        if not _in(s.get(field), allowed, nullable=True):
            fail(field, "is invalid")
    if s.get("category_specification") is not None and not _array_in(
        s["category_specification"], KEYWORDS
    ):
        fail("category_specification", "is invalid")

    if not s.get("decision_ground"):
        fail("decision_ground", "field is required")
    elif s["decision_ground"] not in DECISION_GROUNDS:
        fail("decision_ground", "is invalid")
    if s.get("decision_ground") == "DECISION_GROUND_ILLEGAL_CONTENT":
        for field, limit in [("illegal_content_legal_ground", 500),
                             ("illegal_content_explanation", 2000)]:  # fmt: skip
            if not s.get(field):
                fail(field, "field is required when decision ground is illegal content")
            elif not _max(s[field], limit):
                fail(field, f"must not be greater than {limit} characters")
    if s.get("decision_ground") == "DECISION_GROUND_INCOMPATIBLE_CONTENT":
        for field in ["incompatible_content_ground", "incompatible_content_explanation"]:
            if not s.get(field):
                fail(field, "field is required")

    if not s.get("content_type"):
        fail("content_type", "field is required")
    elif not _array_in(s["content_type"], CONTENT_TYPES):
        fail("content_type", "is invalid")
    if "CONTENT_TYPE_OTHER" in (s.get("content_type") or []) and not s.get("content_type_other"):
        fail("content_type_other", "field is required")

    if not s.get("category"):
        fail("category", "field is required")
    elif s["category"] not in STATEMENT_CATEGORIES:
        fail("category", "is invalid")

    for field, earliest in [("content_date", date(2000, 1, 1)),
                            ("application_date", date(2020, 1, 1))]:  # fmt: skip
        if not s.get(field):
            fail(field, "field is required")
        elif problem := _date(s[field], earliest, date(2038, 1, 1)):
            fail(field, problem)

    if not s.get("decision_facts"):
        fail("decision_facts", "field is required")
    elif not _max(s["decision_facts"], 5000):
        fail("decision_facts", "must not be greater than 5000 characters")
    if not s.get("source_type"):
        fail("source_type", "field is required")
    elif s["source_type"] not in SOURCE_TYPES:
        fail("source_type", "is invalid")
    if not _max(s.get("source_identity"), 500):
        fail("source_identity", "must not be greater than 500 characters")
    if s.get("automated_detection") not in AUTOMATED_DETECTIONS:
        fail(
            "automated_detection",
            "is invalid" if "automated_detection" in s else "field is required",
        )
    if s.get("automated_decision") not in AUTOMATED_DECISIONS:
        fail(
            "automated_decision", "is invalid" if "automated_decision" in s else "field is required"
        )
    puid = s.get("puid")
    if not puid:
        fail("puid", "field is required")
    elif not isinstance(puid, str) or len(puid) > 500 or not PUID.fullmatch(puid):
        fail("puid", "format is invalid")
    return errors


class TransparencyDatabase:
    """The API's multiple-statement endpoint, with a token and the puids it has stored."""

    def __init__(self, token):
        self.token = token
        self.stored = {}  # puid -> statement
        self.calls = []  # the batches sent, in order

    def __call__(self, request: Request) -> Response:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return Response("", status=401)
        try:
            body = json.loads(request.get_data(as_text=True))
        except ValueError:
            return self._json({"message": "Malformed JSON."}, 400)
        statements = body.get("statements") if isinstance(body, dict) else None
        if not isinstance(statements, list) or not 1 <= len(statements) <= 100:
            message = "The statements field must have between 1 and 100 items."
            return self._json({"message": message, "errors": {"statements": [message]}}, 422)
        self.calls.append(statements)
        errors = {}
        for index, statement in enumerate(statements):
            problems = validate(statement if isinstance(statement, dict) else {})
            if problems:
                errors[f"statement_{index}"] = problems
        if errors:
            return self._json({"errors": errors}, 422)
        puids = [s["puid"] for s in statements]
        taken = [p for p in puids if p in self.stored or puids.count(p) > 1]
        if taken:
            message = "The platform identifier(s) are not all unique within this call."
            return self._json(
                {"message": message, "errors": {"puid": [message], "existing_puids": taken}}, 422
            )
        created = []
        for statement in statements:
            self.stored[statement["puid"]] = statement
            created.append({**statement, "uuid": f"uuid-{len(self.stored)}"})
        return self._json({"statements": created}, 201)

    @staticmethod
    def _json(data, status):
        return Response(json.dumps(data), status=status, content_type="application/json")
