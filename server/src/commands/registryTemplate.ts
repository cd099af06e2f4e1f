/**
 * The import template administrators fill in (issue 5): the registry sheet with the Chinese headers and one
 * example row, text-formatted so long numbers keep their digits, and a notes sheet explaining each column.
 */
import ExcelJS from "exceljs";
import { REGISTRY_VOCABULARY, type RegistryVocabulary } from "../registry/registryVocabulary.js";

/** Builds the template workbook as xlsx bytes. */
export async function registryTemplate(
  vocabulary: RegistryVocabulary = REGISTRY_VOCABULARY,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Shenbao";
  const sheet = workbook.addWorksheet(vocabulary.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = vocabulary.columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(12, column.example.length * 2 + 4),
    // "@" is the text format: an 18-digit ID number typed into a general cell loses its last three digits.
    style: { numFmt: "@" },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(vocabulary.columns.map((column) => [column.key, column.example])));

  const notes = workbook.addWorksheet(vocabulary.notesSheetName);
  notes.columns = [
    { header: "列", key: "header", width: 20 },
    { header: "必填", key: "required", width: 8 },
    { header: "说明", key: "note", width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const column of vocabulary.columns) {
    notes.addRow({ header: column.header, required: column.required ? "是" : "否", note: column.note });
  }
  notes.addRow({});
  notes.addRow({
    header: "",
    required: "",
    note: "第一行为表头，请勿修改；示例行请删除或替换。导入时任何一行有误，整个文件都不会导入。",
  });
  notes.addRow({ header: "", required: "", note: "已导入的医师再次导入时按身份证号码更新，不会重复。" });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
