package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RFC 4180 reader: comma-separated fields; a field in double quotes may hold commas, doubled quotes ("")
 * and line breaks. Each record remembers the line it starts on so that errors can point at it. Metrics files are
 * one row per logged step, small enough to parse from a string.
 */
final class CsvRecords {
  /** One record and the 1-based line it starts on. */
  record Line(int number, List<String> fields) {}

  private CsvRecords() {}

  static List<Line> parse(String text) {
    List<Line> out = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    int i = 0;
    int n = text.length();
    if (n > 0 && text.charAt(0) == '\uFEFF') i++; // a byte-order mark is not part of the first column's name
    while (i < n) {
      char ch = text.charAt(i);
      if (ch == '"' && field.length() == 0) {
        i++;
        while (i < n) {
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q == '\n') line++;
          field.append(q);
          i++;
        }
        continue;
      }
      if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
        i++;
      } else if (ch == '\n' || ch == '\r') {
        i += (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
        addRecord(out, fields, field, recordLine);
        line++;
        recordLine = line;
      } else {
        field.append(ch);
        i++;
      }
    }
    addRecord(out, fields, field, recordLine);
    return out;
  }

  /** Closes the current record; a blank line produces none. */
  private static void addRecord(List<Line> out, List<String> fields, StringBuilder field, int recordLine) {
    if (!fields.isEmpty() || field.length() > 0) {
      fields.add(field.toString());
      out.add(new Line(recordLine, List.copyOf(fields)));
    }
    fields.clear();
    field.setLength(0);
  }
}
