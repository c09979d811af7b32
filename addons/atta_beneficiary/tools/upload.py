"""Files sent by the public or scanned at the desk: recognised by parsing their content, never by their name.

One inspector for every route that stores a document (the application form, the tracking link, the
signed-scan wizard). A PDF is parsed with Odoo's own PDF library, every object of it, those packed in
compressed object streams included, and refused when it can run something, open something or carry a
file; an encrypted PDF cannot be checked and is refused too. A JPEG or PNG is decoded and written again by
Pillow, which keeps the pixels and drops everything else (metadata, trailing bytes, a second file glued on).
"""

import io
import re
import warnings
import zlib

from PIL import Image, ImageOps

from odoo.tools import pdf as odoo_pdf

from .text import bad_characters

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
EXTENSIONS = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg")}
PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"

# Keys that give a PDF scripts, actions run on opening or on an event, attached files, multimedia or an XFA form.
ACTIVE_KEYS = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/AA",
        "/EmbeddedFiles",
        "/EmbeddedFile",
        "/EF",
        "/RichMedia",
        "/RichMediaContent",
        "/RichMediaSettings",
        "/XFA",
        "/Launch",
        "/3DD",
    }
)
# Names that, as a value, make a dictionary an action, an annotation or a file of the same kinds.
ACTIVE_NAMES = ACTIVE_KEYS - {"/AA", "/EF", "/3DD"} | {
    "/SubmitForm",
    "/ImportData",
    "/ResetForm",
    "/GoToR",
    "/GoToE",
    "/GoTo3DView",
    "/RichMediaExecute",
    "/Rendition",
    "/Sound",
    "/Movie",
    "/Screen",
    "/FileAttachment",
    "/3D",
}
# The only actions a plain document needs: go to a page, open a web address, turn a page.
PLAIN_ACTIONS = frozenset({"/GoTo", "/URI", "/Named"})
# Keys whose value is an action (a destination array is also allowed under /OpenAction).
ACTION_KEYS = ("/A", "/OpenAction")
# The same keys as raw bytes, for the objects no cross-reference table lists any more (see _raw_active).
RAW_ACTIVE = re.compile(
    rb"/(JavaScript|JS|AA|EmbeddedFiles?|RichMedia|XFA|Launch|SubmitForm|ImportData|GoToR|GoToE)(?=[\s/<>\[\](){}%]|$)"
)
STREAM = re.compile(rb"(?<![A-Za-z])stream\r?\n(.*?)endstream", re.DOTALL)
NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# A scan has a few hundred objects; a file of millions is built to exhaust the server.
MAX_PDF_OBJECTS = 100_000
# What one object or cross-reference stream may inflate to before the PDF library reads it.
MAX_INFLATED_BYTES = 32 * 1024 * 1024


def check_upload(env, data, filename, limits):
    """({"name", "mimetype", "raw"}, None) for a document one may keep; (None, problem) otherwise.

    `limits` holds `max_upload_mb` and `max_megapixels`. The problem is a sentence for the person who sent
    the file, in their language, naming the file. What is kept is the parsed PDF as sent, or the image as
    Pillow wrote it again, under a name without path or control character and with the extension of its
    content.
    """
    shown = display_name_of(env, filename)
    if not data:
        return None, env._("“%(file)s” is empty. Attach the document again.", file=shown)
    if len(data) > limits["max_upload_mb"] * 1024 * 1024:
        return None, env._(
            "“%(file)s” is larger than %(size)s MB. Send a smaller scan or photo.",
            file=shown,
            size=f"{limits['max_upload_mb']:g}",
        )
    if PDF_HEADER.match(data):
        mimetype, raw, problem = PDF, data, _pdf_problem(env, data, shown)
    elif data.startswith((PNG_SIGNATURE, JPEG_SIGNATURE)):
        mimetype, raw, problem = _clean_image(env, data, shown, limits)
    else:
        problem = _not_a_document(env, shown)
    if problem:
        return None, problem
    return {"name": safe_filename(filename, mimetype), "mimetype": mimetype, "raw": raw}, None


def read_limited(file, limits):
    """The bytes of an uploaded file (werkzeug FileStorage), read no further than one byte past the limit."""
    data = file.stream.read(int(limits["max_upload_mb"] * 1024 * 1024) + 1)
    file.stream.seek(0)
    return data


def display_name_of(env, filename):
    """The sender's file name as it may be shown back to them: no control character, at most 80 characters."""
    name = "".join(c for c in (filename if isinstance(filename, str) else "") if not bad_characters(c))
    return name[:80] or env._("The file")


def safe_filename(filename, mimetype):
    """The name the file is stored under: no path, no control character, the extension of its content."""
    name = re.split(r"[\\/]", filename if isinstance(filename, str) else "")[-1]
    name = "".join(c for c in name if not bad_characters(c)).strip()[:100] or "document"
    if not name.lower().endswith(EXTENSIONS[mimetype]):
        name = f"{name}{EXTENSIONS[mimetype][0]}"
    return name


def _not_a_document(env, shown):
    return env._(
        "“%(file)s” is not a readable PDF or image (JPEG, PNG). Send the document as a PDF or a photo.", file=shown
    )


# ---------------------------------------------------------------------------------------------------- PDF
def _pdf_problem(env, data, shown):
    """None for a PDF that parses and holds nothing active; else why it is refused."""
    damaged = env._(
        "“%(file)s” is a damaged PDF that cannot be read. Save or scan the document again and send the new file.",
        file=shown,
    )
    tail = data[-2048:]
    if b"%%EOF" not in tail[-1024:] or b"startxref" not in tail or _inflates_too_much(data):
        return damaged
    active = env._(
        "“%(file)s” contains scripts, actions or embedded files. Scan or print the document to a plain PDF.",
        file=shown,
    )
    try:
        # Strict: a lenient reader skips what it cannot parse, and a viewer may well read what was skipped.
        reader = odoo_pdf.PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            return env._(
                "“%(file)s” is protected by a password or encryption, so the association could not open it. "
                "Save or print it again without a password and send that copy.",
                file=shown,
            )
        if _raw_active(data) or _objects_active(reader):
            return active
    except Exception:  # noqa: BLE001 - whatever the PDF library raises on a broken file, the answer is the same
        return damaged
    return None


def _plain_name(value):
    """A PDF name as the viewer reads it: '#xx' escapes decoded (the library does it; this does not rely on it)."""
    if not isinstance(value, str):
        return None
    return re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m[1], 16)), value)


def _objects_active(reader):
    """True when any object the cross-reference lists (in every object stream too) is active.

    The walk is iterative: a PDF nested thousands of levels deep does not exhaust the stack.
    """
    generic = odoo_pdf.generic
    references = [
        (number, generation)
        for generation, entries in reader.xref.items()
        for number in entries
        if number and generation != 65535
    ]
    references += [(number, 0) for number in reader.xref_objStm]
    if len(references) > MAX_PDF_OBJECTS:
        raise ValueError("too many objects")
    pending = [reader.trailer]
    pending += [
        reader.get_object(generic.IndirectObject(number, generation, reader)) for number, generation in references
    ]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            if _dictionary_active(reader, item):
                return True
            # Direct children only: objects behind a reference are in the list already.
            pending.extend(dict.values(item))
        elif isinstance(item, list):
            pending.extend(item)
        elif _plain_name(item) in ACTIVE_NAMES:
            return True
    return False


def _dictionary_active(reader, dictionary):
    keys = {_plain_name(key) for key in dictionary}
    if keys & ACTIVE_KEYS:
        return True
    if _plain_name(dict.get(dictionary, "/Type")) == "/Action" and not _plain_action(reader, dictionary):
        return True
    # /Next chains an action to an action; in an outline item, it only names the next item.
    keys = ACTION_KEYS + ("/Next",) if "/S" in keys else ACTION_KEYS
    for key in keys:
        value = _resolved(reader, dict.get(dictionary, key))
        actions = value if key == "/Next" and isinstance(value, list) else [value]
        for action in actions:
            action = _resolved(reader, action)
            if isinstance(action, dict) and not _plain_action(reader, action):
                return True
    return False


def _plain_action(reader, action):
    return _plain_name(_resolved(reader, dict.get(action, "/S"))) in PLAIN_ACTIONS


def _resolved(reader, value):
    if isinstance(value, odoo_pdf.generic.IndirectObject):
        return reader.get_object(value)
    return value


def _outside_streams(data):
    return STREAM.sub(b" ", data)


def _raw_active(data):
    """The names of active content in the bytes outside streams, escapes decoded.

    This catches what no cross-reference table lists (an object left over from an earlier revision, an object
    a repairing viewer would find); the parsed walk catches what is compressed.
    """
    text = NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), _outside_streams(data))
    return bool(RAW_ACTIVE.search(text))


def _inflates_too_much(data):
    """True when an object or cross-reference stream inflates past the bound (a decompression bomb).

    The PDF library inflates those streams whole to find the objects; other streams (pages, images) are never
    inflated by the check.
    """
    previous_end = 0
    for match in STREAM.finditer(data):
        start = data.rfind(b"obj", previous_end, match.start())
        head = NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), data[max(start, previous_end) : match.start()])
        previous_end = match.end()
        if b"/ObjStm" not in head and b"/XRef" not in head:
            continue
        inflater = zlib.decompressobj()
        try:
            inflater.decompress(match.group(1), MAX_INFLATED_BYTES)
        except zlib.error:
            continue  # not deflated, or broken: the PDF library decides
        if inflater.unconsumed_tail:
            return True
    return False


# ---------------------------------------------------------------------------------------------------- images
def _clean_image(env, data, shown, limits):
    """(mimetype, bytes written again by Pillow, None), or (None, None, problem).

    The size is read from the header and refused beyond the pixel limit before anything is decompressed.
    The photo is turned upright as the camera recorded it, then written without its metadata.
    """
    too_large = env._(
        "“%(file)s” is too large an image (more than %(mp)s megapixels). Send a smaller photo.",
        file=shown,
        mp=f"{limits['max_megapixels']:g}",
    )
    try:
        # Scoped to this check: Pillow's own bomb warning becomes an error here, nowhere else.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=("PNG", "JPEG")) as image:
                width, height = image.size
                if width * height > limits["max_megapixels"] * 1_000_000:
                    return None, None, too_large
                # Every chunk and checksum, to the end marker: a cut file is refused, not drawn half grey.
                image.verify()
            with Image.open(io.BytesIO(data), formats=("PNG", "JPEG")) as image:
                image_format = image.format
                image.load()
                upright = ImageOps.exif_transpose(image)
            # Nothing of the sender's file travels on but the pixels (and which palette colour is transparent).
            upright.info = {key: value for key, value in upright.info.items() if key == "transparency"}
            output = io.BytesIO()
            if image_format == "JPEG":
                if upright.mode not in ("L", "RGB", "CMYK"):
                    upright = upright.convert("RGB")
                upright.save(output, "JPEG", quality=90)
            else:
                upright.save(output, "PNG")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None, None, too_large
    except Exception:  # noqa: BLE001 - whatever Pillow raises on a broken file, the answer is the same
        return None, None, _not_a_document(env, shown)
    return Image.MIME[image_format], output.getvalue(), None
