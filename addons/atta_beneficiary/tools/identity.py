"""Identity numbers: Saudi national ID and Iqama (10 digits, prefix 1 or 2, Luhn)."""

from stdnum import luhn

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
SAUDI_PREFIX = {"national_id": "1", "iqama": "2"}


def normalize_digits(value):
    """Arabic-Indic and Persian digits to ASCII; spaces and dashes dropped."""
    if not value:
        return value
    return "".join(value.translate(_DIGITS).split()).replace("-", "")


def normalize_identity(value):
    """An identity number as stored: ASCII digits, no spaces or dashes, letters in upper case."""
    return normalize_digits(value or "").upper()


def with_normalized_identity(vals):
    """`vals` with its identity number, if any, in stored form (the caller's dict is left as it was)."""
    if not vals.get("identity_number"):
        return vals
    return dict(vals, identity_number=normalize_identity(vals["identity_number"]))


def identity_number_problem(identity_type, number):
    """Return a problem code for an invalid number, or None when it is valid.

    Once Arabic digits are brought to ASCII, a number is ASCII: `str.isdigit` and `str.isalnum` would accept
    other digit forms (superscript, Bengali, full-width) and other scripts (a Cyrillic letter that looks Latin).
    """
    if not number.isascii():
        return "script"
    if identity_type in SAUDI_PREFIX:
        if not number.isdigit() or len(number) != 10:
            return "length"
        if number[0] != SAUDI_PREFIX[identity_type]:
            return "prefix"
        if not luhn.is_valid(number):
            return "checksum"
        return None
    if identity_type == "border_number":
        if not number.isdigit() or len(number) != 10:
            return "border"
        return None
    if identity_type == "gcc_id":
        if not number.isalnum() or not 6 <= len(number) <= 15:
            return "document"
        return None
    if not number.isalnum() or not 5 <= len(number) <= 20:
        return "document"
    return None


def phone_to_e164(value, region="SA"):
    """A phone number in E.164 (+9665XXXXXXXX), or None when it is not a valid number."""
    import phonenumbers  # noqa: PLC0415 - external dependency declared in the manifest

    try:
        parsed = phonenumbers.parse(normalize_digits(value), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
