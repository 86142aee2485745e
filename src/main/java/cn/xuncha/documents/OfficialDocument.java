package cn.xuncha.documents;

import java.time.LocalDate;
import java.util.List;

/**
 * One official document as plain data, built from the records: the HTML page, the .docx and the
 * .xlsx are all written from it, so nothing is typed twice.
 *
 * @param fileName the download name without extension
 * @param addressee 主送 (may be null for public documents)
 * @param paragraphs 正文, one entry per paragraph
 * @param tables the lists and ledgers that belong to the document
 * @param issuer 落款
 * @param date 成文日期 (may be null while the step that dates it has not happened)
 */
public record OfficialDocument(String fileName, String title, String addressee, List<String> paragraphs, List<Table> tables,
                        String issuer, LocalDate date) {

  public OfficialDocument {
    paragraphs = List.copyOf(paragraphs);
    tables = List.copyOf(tables);
  }

  /** 成文日期 written the way documents write it: 2022年6月29日. */
  public String dateText() {
    return date == null ? "" : DocumentService.date(date);
  }

  /** A list or ledger: a caption, the column headings and the rows, all as text. */
  public record Table(String caption, List<String> header, List<List<String>> rows) {

    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }
}
