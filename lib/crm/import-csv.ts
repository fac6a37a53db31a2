// Reading CSV per RFC 4180, as spreadsheets actually write it: an optional UTF-8 byte-order mark,
// CRLF, LF or lone CR line ends, quoted fields with doubled quotes and embedded line breaks. Lenient
// where RFC 4180 is silent (a stray quote inside an unquoted field is kept as text); the one hard
// error is a quoted field that never closes, reported with the line it started on.

export interface ParsedCsv {
  rows: string[][];
  /** Set when the text is not CSV we can read; rows then holds what was read before the problem. */
  error: string | null;
}

export function parseCsvText(input: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  /** Whether the current cell began with a quote (text after its closing quote is appended). */
  let line = 1;
  let quoteLine = 0;
  let rowHasContent = false;

  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    // A blank line (one empty cell, never quoted) is no record.
    if (rowHasContent || row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
    rowHasContent = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      rowHasContent = true;
      quoteLine = line;
    } else if (ch === ",") {
      rowHasContent = true;
      endCell();
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      line++;
      endRow();
    } else cell += ch;
  }
  if (quoted) {
    return { rows, error: `A quoted field that starts on line ${quoteLine} never closes; check for a missing " in the file.` };
  }
  if (cell !== "" || row.length || rowHasContent) endRow();
  return { rows, error: null };
}
