"""Saudi IBAN: SA, 2 check digits, a 2-digit bank code and 18 account characters (ISO 13616, mod 97)."""

import re

SAUDI_IBAN = re.compile(r"SA\d{4}[0-9A-Z]{18}")


def compact_iban(number):
    return re.sub(r"[\s-]", "", number or "").upper()


def saudi_iban_problem(number):
    """None for a valid Saudi IBAN; otherwise 'format' (not SA + 22 characters) or 'checksum'."""
    compact = compact_iban(number)
    if not SAUDI_IBAN.fullmatch(compact):
        return "format"
    # ISO 13616: the first four characters move to the end, letters become 10..35, the number mod 97 is 1.
    digits = "".join(str(int(char, 36)) for char in compact[4:] + compact[:4])
    if int(digits) % 97 != 1:
        return "checksum"
    return None
