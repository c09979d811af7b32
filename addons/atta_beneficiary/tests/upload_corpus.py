"""PDF files built byte by byte for the upload tests: hostile ones a real viewer would act on, and plain ones.

Nothing here is read from a file of unknown origin: every hostile PDF is written below from the PDF
specification's own structures (objects, cross-reference tables and streams, object streams, incremental
updates), every plain one by a real producer (reportlab, wkhtmltopdf, Pillow, the PDF library's writer).
"""

import io
import zlib

from PIL import Image

PAGE_TREE = [b"<</Type/Pages/Kids[3 0 R]/Count 1>>", b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"]


def classic_pdf(objects, version=b"1.4", trailer=b""):
    """A PDF with a cross-reference table; object 1 is the catalog, `objects` are numbered from 1."""
    out = io.BytesIO()
    out.write(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<</Size %d/Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, start))
    return out.getvalue()


def stream(dictionary, data, compress=True):
    """A stream object's body: its dictionary with /Length (and /Filter when deflated), then the data."""
    if compress:
        data = zlib.compress(data)
        dictionary += b"/Filter/FlateDecode"
    return b"<<%s/Length %d>>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def object_stream_pdf(direct, packed):
    """A PDF 1.5: `direct` objects written plainly, `packed` ones inside one deflated object stream.

    Objects are numbered 1.. over `direct` then `packed`; the cross-reference is itself a deflated stream
    (type 1 rows for direct objects, type 2 rows for packed ones), as phones and office suites write them.
    """
    first_packed = len(direct) + 1
    heads, bodies, position = [], [], 0
    for index, body in enumerate(packed):
        heads.append(b"%d %d" % (first_packed + index, position))
        bodies.append(body + b"\n")
        position += len(body) + 1
    head = b" ".join(heads) + b"\n"
    container = len(direct) + len(packed) + 1
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in enumerate(direct, 1):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    offsets[container] = out.tell()
    out.write(
        b"%d 0 obj\n%s\nendobj\n"
        % (
            container,
            stream(b"/Type/ObjStm/N %d/First %d" % (len(packed), len(head)), head + b"".join(bodies)),
        )
    )
    xref_number = container + 1
    offsets[xref_number] = out.tell()
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    for number in range(1, xref_number + 1):
        if first_packed <= number < container:
            rows.append(b"\x02" + container.to_bytes(4, "big") + (number - first_packed).to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + (0).to_bytes(2, "big"))
    size = xref_number + 1
    out.write(
        b"%d 0 obj\n%s\nendobj\n"
        % (xref_number, stream(b"/Type/XRef/Size %d/W[1 4 2]/Root 1 0 R" % size, b"".join(rows)))
    )
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number])
    return out.getvalue()


def incremental_update(original, objects):
    """`original` with a second revision appended: `objects` ({number: body}) replace or add objects."""
    previous = int(original.rsplit(b"startxref", 1)[1].split()[0])
    size = max(int(original.split(b"/Size ", 1)[1].split(b"/")[0].split(b">")[0]), max(objects) + 1)
    out = io.BytesIO(original)
    out.seek(0, io.SEEK_END)
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n")
    for number, offset in sorted(offsets.items()):
        out.write(b"%d 1\n%010d 00000 n \n" % (number, offset))
    out.write(b"trailer\n<</Size %d/Root 1 0 R/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (size, previous, start))
    return out.getvalue()


def plain_pdf():
    """The smallest honest document: a catalog, a page tree and one empty page."""
    return classic_pdf([b"<</Type/Catalog/Pages 2 0 R>>", *PAGE_TREE])


def with_catalog(extra, *more):
    """A one-page PDF whose catalog carries `extra`; `more` objects are numbered from 4."""
    return classic_pdf([b"<</Type/Catalog/Pages 2 0 R%s>>" % extra, *PAGE_TREE, *more])


def with_page(extra, *more):
    """A one-page PDF whose page carries `extra`; `more` objects are numbered from 4."""
    return classic_pdf(
        [
            b"<</Type/Catalog/Pages 2 0 R>>",
            PAGE_TREE[0],
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]%s>>" % extra,
            *more,
        ]
    )


def with_orphan(body):
    """A plain PDF with one more object before its table, which the table does not list."""
    original = plain_pdf()
    orphan = b"9 0 obj\n%s\nendobj\n" % body
    start = int(original.rsplit(b"startxref", 1)[1].split()[0])
    head, tail = original[:start], original[start:]
    tail = tail.replace(b"startxref\n%d" % start, b"startxref\n%d" % (start + len(orphan)))
    return head + orphan + tail


def hostile_pdfs():
    """label -> bytes of a PDF a viewer would run, launch or unpack something from."""
    script = b"<</S/JavaScript/JS(app.alert\\(document.cookie\\))>>"
    return {
        "JavaScript on opening, names hex-escaped": with_catalog(b"/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>"),
        "JavaScript in a compressed object stream": object_stream_pdf(
            [b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>", *PAGE_TREE], [script]
        ),
        "a link annotation's JavaScript in a compressed object stream": object_stream_pdf(
            [b"<</Type/Catalog/Pages 2 0 R>>", PAGE_TREE[0], b"<</Type/Page/Parent 2 0 R/Annots[4 0 R]>>"],
            [b"<</Type/Annot/Subtype/Link/Rect[0 0 595 842]/A<</S/JavaScript/JS 5 0 R>>>>", b"(this.print\\(\\))"],
        ),
        "JavaScript added by a second revision": incremental_update(
            plain_pdf(), {1: b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>", 4: script}
        ),
        "JavaScript in a link annotation": with_page(
            b"/Annots[<</Type/Annot/Subtype/Link/Rect[0 0 100 100]/A%s>>]" % script
        ),
        "a Launch action": with_page(
            b"/Annots[<</Subtype/Link/Rect[0 0 100 100]/A<</S/Launch/F(cmd.exe)/NewWindow true>>>>]"
        ),
        "an embedded file": with_catalog(
            b"/Names<</EmbeddedFiles<</Names[(invoice.exe)4 0 R]>>>>",
            b"<</Type/Filespec/F(invoice.exe)/EF<</F 5 0 R>>>>",
            stream(b"/Type/EmbeddedFile", b"MZ\x90\x00 not a document"),
        ),
        "a file attachment annotation": with_page(
            b"/Annots[<</Subtype/FileAttachment/Rect[0 0 10 10]/FS 4 0 R>>]", b"<</Type/Filespec/F(a.exe)>>"
        ),
        "an opening action that fetches another file": with_catalog(
            b"/OpenAction<</S/GoToR/F(\\\\\\\\attacker\\\\share\\\\x.pdf)/D[0/Fit]>>"
        ),
        "an indirect opening action": with_catalog(b"/OpenAction 4 0 R", script),
        "additional actions on a page": with_page(b"/AA<</O<</S/JavaScript/JS(app.launchURL\\('x'\\))>>>>"),
        "an XFA form": with_catalog(
            b"/AcroForm<</Fields[]/XFA 4 0 R>>", stream(b"", b"<xdp:xdp><script>x</script></xdp:xdp>")
        ),
        "a form that submits itself": with_page(
            b"/Annots[<</Subtype/Widget/FT/Tx/T(a)/Rect[0 0 9 9]/A<</S/SubmitForm/F<</FS/URL/F(http://x.example)>>>>>>]"
        ),
        "rich media": with_page(b"/Annots[<</Subtype/RichMedia/Rect[0 0 9 9]/RichMediaContent<<>>>>]"),
        "a script in the document's name tree": with_catalog(b"/Names<</JavaScript<</Names[(a)4 0 R]>>>>", script),
        "a harmless link chained to a script": with_page(
            b"/Annots[<</Subtype/Link/Rect[0 0 9 9]/A<</S/URI/URI(https://example.com)/Next%s>>>>]" % script
        ),
        "a script left in an object no table lists": with_orphan(b"<</S/JavaScript/JS(app.alert(1))>>"),
        "an action with an escaped key name": with_page(b"/#41#41<</O<</S/URI/URI(https://example.com)>>>>"),
    }


def encrypted_pdf(writer_class, user_password=""):
    """A plain page encrypted by the PDF library's writer; an empty user password opens without asking."""
    writer = writer_class()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password, "owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def reportlab_pdf(pages=1):
    from reportlab.pdfgen import canvas  # noqa: PLC0415 - only the tests write PDFs with reportlab

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pageCompression=1)
    for page in range(pages):
        sheet.drawString(72, 770, f"Income certificate, page {page + 1}")
        sheet.linkURL("https://example.com/verify", (72, 700, 300, 720))
        sheet.bookmarkPage(f"page{page}")
        sheet.addOutlineEntry(f"Page {page + 1}", f"page{page}")
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def phone_scan_pdf(pages=1):
    """What a phone's scanner app makes: photos of paper, one per page, as a PDF (written by Pillow)."""
    images = [Image.new("RGB", (1240, 1754), (245, 245, 240)) for _page in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    return buffer.getvalue()


def writer_pdf(writer_class, pages=2):
    writer = writer_class()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "IBAN certificate"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
