"""Text typed by the public: what may be stored, and what must not (control characters, bidi overrides)."""

import unicodedata

# Characters that reorder or hide text (bidi overrides and isolates): they disguise a name in lists.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# What a person's name may hold beside letters and combining marks: spaces, apostrophes, hyphens, dots
# and the joiners Arabic and Persian names use.
NAME_EXTRA = frozenset(" '-.\u2019\u200c\u200d")


def bad_characters(text, newlines=False):
    """True when `text` holds a control character (NUL included) or a bidi override."""
    allowed = "\t\r\n" if newlines else ""
    return any(char in BIDI_CONTROLS or (unicodedata.category(char) == "Cc" and char not in allowed) for char in text)


def form_text(raw, name, max_length, newlines=False):
    """The stripped text of a form field; "" when absent; None when it is not text one may store.

    None for a file sent where text is expected, a value longer than `max_length`, or a control character.
    """
    value = raw.get(name)
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or len(value) > max_length or bad_characters(value, newlines):
        return None
    return value.strip()


def only_characters(text, extra):
    """True when `text` holds only letters, combining marks and characters of `extra`."""
    return all(char.isalpha() or unicodedata.category(char) in ("Mn", "Mc") or char in extra for char in text)


def set_type_display_names(records, type_field):
    """Name each line by the label of its type, then its description ("Rent — flat in Al-Naseem")."""
    labels = dict(records._fields[type_field]._description_selection(records.env))
    for record in records:
        record.display_name = " — ".join(filter(None, (labels.get(record[type_field]), record.description)))


# What a place name may hold beside a name's characters.
PLACE_EXTRA = NAME_EXTRA | frozenset("0123456789,()/")


def person_name(text, min_words=1):
    """The name as stored (one space between words), or None when it is not a person's name in letters.

    Each word holds a letter; a full name asks for `min_words` words (the first name and the father's).
    """
    words = (text or "").split()
    if (
        len(words) < max(min_words, 1)
        or not only_characters(text, NAME_EXTRA)
        or not all(any(char.isalpha() for char in word) for word in words)
    ):
        return None
    return " ".join(words)


def place_name(text):
    """The place as stored, or None when it is not a city or district name in letters (digits allowed)."""
    if not text or not any(char.isalpha() for char in text) or not only_characters(text, PLACE_EXTRA):
        return None
    return " ".join(text.split())
