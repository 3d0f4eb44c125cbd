"""Hostile files made on the fly for the tests and bench/uploads.py (nothing large is kept in git).

Each is small on disk and enormous once read: a zip bomb in the shape of an ODT, a PNG whose
pixels decode to gigabytes, a PDF whose compressed page content unpacks to tens of megabytes.
"""

import io
import struct
import zipfile
import zlib

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def zip_bomb_odt(uncompressed=400 * 1024 * 1024):
    """An ODT whose `mimetype` entry is the right type followed by `uncompressed` bytes of spaces."""
    buffer = io.BytesIO()
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as entry:
            entry.write(ODT_MIMETYPE)
            for _ in range(uncompressed // len(chunk)):
                entry.write(chunk)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width=30_000, height=30_000):
    """A valid 1-bit PNG of width x height white pixels (a few hundred KB; ~900 Mpx decoded)."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", b"".join(parts))
            + _png_chunk(b"IEND", b""))


def pdf_bomb(pages=3, stream_bytes=20 * 1024 * 1024):
    """A PDF of `pages` pages sharing one Flate content stream of `stream_bytes` text operators."""
    operator = b"BT /F1 12 Tf 72 720 Td (Zip bomb in a PDF page) Tj ET\n"
    content = zlib.compress(operator * (stream_bytes // len(operator)), 9)
    kids = " ".join(f"{4 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
                       b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
