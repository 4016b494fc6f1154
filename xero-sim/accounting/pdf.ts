import type { SimResponse } from "../http/types.ts";
import type { DocumentRecord, OrgRecord } from "../state/types.ts";

/**
 * The simulator's stand-in for Xero's rendered documents (GET /Invoices/{id} with
 * `Accept: application/pdf`, developer.xero.com/documentation/api/requests-and-responses): a one-page
 * PDF 1.4, written by hand, whose text names the document, its contact, lines and total. It is a valid
 * PDF (catalog, page tree, Helvetica, an uncompressed content stream and an exact cross-reference
 * table), so viewers open it and tests can find the document's number in its bytes.
 */

/** Latin-1 text for a PDF string: escapes `\ ( )`, and any character outside Latin-1 becomes "?". */
function pdfString(text: string): string {
  const latin1 = [...text].map((ch) => (ch.charCodeAt(0) <= 0xff ? ch : "?")).join("");
  return `(${latin1.replace(/[\\()]/g, (ch) => `\\${ch}`)})`;
}

/** A one-page PDF with `title` in its document info and one line of text per entry of `lines`. */
export function simplePdf(title: string, lines: readonly string[]): Buffer {
  const text = lines.map((line) => `${pdfString(line)} Tj T*`).join("\n");
  const content = `BT\n/F1 11 Tf\n14 TL\n50 800 Td\n${text}\nET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfString(title)} /Producer (Xero simulator) >>`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, "latin1");
  // Each cross-reference entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, space, LF.
  const entries = offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}` +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

const money = (amount: unknown) => (typeof amount === "number" ? amount.toFixed(2) : "");

/** The text of a rendered document: heading, number, contact, dates, lines and totals. */
export function documentPdf(
  org: OrgRecord,
  record: DocumentRecord,
  heading: string,
  number: string | undefined,
): SimResponse {
  const contact = org.contacts.get(record.Contact.ContactID);
  const shownNumber = number ?? "(no number)";
  const lines = [
    org.Name,
    `${heading} ${shownNumber}`,
    `To: ${contact?.Name ?? ""}`,
    `Date: ${typeof record.Date === "string" ? record.Date : ""}`,
    ...(typeof record.DueDate === "string" ? [`Due: ${record.DueDate}`] : []),
    ...(record.Reference ? [`Reference: ${record.Reference}`] : []),
    `Status: ${record.Status}`,
    "",
    ...record.LineItems.map(
      (line) =>
        `${line.Description ?? ""}  ${line.Quantity ?? ""} x ${money(line.UnitAmount)}  ${money(line.LineAmount)}`,
    ),
    "",
    `Subtotal: ${money(record.SubTotal)}`,
    `Tax: ${money(record.TotalTax)}`,
    `Total: ${record.CurrencyCode} ${money(record.Total)}`,
  ];
  return {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${shownNumber.replace(/[^\w.-]/g, "_")}.pdf"`,
    },
    body: simplePdf(`${heading} ${shownNumber}`, lines),
  };
}
