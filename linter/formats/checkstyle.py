"""``--format checkstyle``: Checkstyle XML, read by Jenkins' warnings plugin, reviewdog and many CI dashboards."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from linter.formats import Report
from linter.regex import lazy_compile
from linter.rule import Severity

SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info", Severity.STYLE: "info"}

# Characters XML 1.0 cannot hold at all, not even as character references: shown as \xNN instead.
_NOT_XML = lazy_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def report_to_checkstyle(report: Report) -> ET.Element:
    root = ET.Element("checkstyle", version="4.3")
    for result in report.results:
        file_element = ET.SubElement(root, "file", name=_xml_text(result.path))
        for finding in result.findings:
            ET.SubElement(
                file_element,
                "error",
                line=str(finding.span.start_line),
                column=str(finding.span.start_column),
                severity=SEVERITIES[finding.severity],
                message=_xml_text(finding.message),
                source=f"lintainer.{finding.code}",
            )
        if result.error:
            ET.SubElement(
                file_element, "error", severity="error", message=_xml_text(result.error), source="lintainer.file-error"
            )
    return root


def write_checkstyle(report: Report, stream: TextIO) -> None:
    root = report_to_checkstyle(report)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
