import { describe, expect, it } from "vitest";
import { parseCsvText } from "./import-csv";
import { csvRow } from "./csv";

const cases: [string, string, string[][]][] = [
  ["simple LF", "a,b\n1,2\n", [["a", "b"], ["1", "2"]]],
  ["CRLF", "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]],
  ["lone CR line ends", "a,b\r1,2\r", [["a", "b"], ["1", "2"]]],
  ["no trailing newline", "a,b\n1,2", [["a", "b"], ["1", "2"]]],
  ["BOM dropped", "\uFEFFemail,name\nx@y.z,X\n", [["email", "name"], ["x@y.z", "X"]]],
  ["quoted comma", 'a,"b,c"\n', [["a", "b,c"]]],
  ["escaped quotes", '"say ""hi""",x\n', [['say "hi"', "x"]]],
  ["embedded LF in quotes", '"line1\nline2",b\n', [["line1\nline2", "b"]]],
  ["embedded CRLF in quotes", '"l1\r\nl2",b\r\n', [["l1\r\nl2", "b"]]],
  ["empty fields", "a,,c\n,,\n", [["a", "", "c"], ["", "", ""]]],
  ["trailing comma gives an empty last field", "a,b,\n", [["a", "b", ""]]],
  ["blank lines skipped", "a\n\n\nb\n", [["a"], ["b"]]],
  ["blank CRLF lines skipped", "a\r\n\r\nb\r\n", [["a"], ["b"]]],
  ["quoted empty field is a row", '""\n', [[""]]],
  ["only a quoted quote", '""""\n', [['"']]],
  ["stray quote inside unquoted field kept", 'ab"c,d\n', [['ab"c', "d"]]],
  ["text after closing quote appended", '"ab"c,d\n', [["abc", "d"]]],
  ["spaces kept", " a , b \n", [[" a ", " b "]]],
  ["unicode", "name\nZoë Ångström\n", [["name"], ["Zoë Ångström"]]],
  ["quoted field at end of file without newline", 'a,"b"', [["a", "b"]]],
  ["ragged rows kept as they are", "a,b,c\n1\n1,2,3,4\n", [["a", "b", "c"], ["1"], ["1", "2", "3", "4"]]],
  ["formula guard stays (removed by the importer)", "'=1+1\n", [["'=1+1"]]],
  ["empty input", "", []],
  ["only BOM", "\uFEFF", []],
  ["mixed line ends", "a\r\nb\nc\rd", [["a"], ["b"], ["c"], ["d"]]],
];

describe("parseCsvText", () => {
  it.each(cases)("%s", (_name, text, rows) => {
    const parsed = parseCsvText(text);
    expect(parsed.error).toBeNull();
    expect(parsed.rows).toEqual(rows);
  });

  it("reports a quoted field that never closes, with its line", () => {
    const parsed = parseCsvText('a,b\n1,"open\nmore\n');
    expect(parsed.error).toMatch(/line 2/);
  });

  it("reads back what csvRow writes (round trip)", () => {
    const values = ["plain", 'q"uote', "comma,here", "new\nline", "", "crlf\r\ninside"];
    const parsed = parseCsvText(`\uFEFF${csvRow(values)}${csvRow(values)}`);
    expect(parsed.rows).toEqual([values, values]);
  });
});
