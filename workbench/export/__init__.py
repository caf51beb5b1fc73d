"""Finance export and the published decision record, from one in-memory decision."""

from workbench.export.adopted import decision_from_adopted
from workbench.export.csvfile import csv_bytes
from workbench.export.decision import DecisionExport, NothingToExport, decision_from_file
from workbench.export.published import record_html
from workbench.export.write import write_exports
from workbench.export.xlsx import workbook_bytes

__all__ = ["DecisionExport", "NothingToExport", "csv_bytes", "decision_from_adopted",
           "decision_from_file", "record_html", "workbook_bytes", "write_exports"]
