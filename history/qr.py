"""QR codes of page addresses, drawn server-side as SVG."""

import io

import segno


def qr_svg(data: str, *, scale: int = 8, border: int = 2) -> str:
    """A standalone SVG document of a QR code for ``data``."""
    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(
        out, kind="svg", scale=scale, border=border, xmldecl=True, svgclass="qr", lineclass=None,
    )
    return out.getvalue().decode("utf-8")


def qr_svg_inline(data: str, *, scale: int = 10, border: int = 2) -> str:
    """The same QR code as an <svg> element for embedding in HTML (no user text inside)."""
    return segno.make(data, error="m", micro=False).svg_inline(
        scale=scale, border=border, svgclass="qr", lineclass=None,
    )
