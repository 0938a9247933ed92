"""Zip files with the same bytes for the same content (xlsx and apkg are zips).

Python's zipfile stamps each entry with the current time, so two exports of the
same bank would differ. These helpers write every entry with one fixed date.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry


def zip_bytes(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A deflated zip of (name, data) entries in the order given, every entry dated FIXED_DATE."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
    return buffer.getvalue()


def restamp_zip(data: bytes) -> bytes:
    """The same zip with every entry re-dated to FIXED_DATE (content and order kept)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zip_bytes((info.filename, source.read(info)) for info in source.infolist())


def workbook_bytes(workbook) -> bytes:  # an openpyxl Workbook
    """The .xlsx bytes of an openpyxl workbook, the same for the same content.

    Not ``workbook.save()``: that stamps "modified" with the current time.
    """
    import datetime

    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.creator = "factquiz"
    workbook.properties.created = workbook.properties.modified = datetime.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return restamp_zip(buffer.getvalue())
