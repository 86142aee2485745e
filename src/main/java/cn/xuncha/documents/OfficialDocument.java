package cn.xuncha.documents;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One official document as plain data, built from the records: the HTML page, the .docx and the
 * .xlsx are all written from it, so nothing is typed twice.
 *
 * @param fileName the download name without extension
 * @param letterhead 版头 (发文机关标志 and 发文字号, GB/T 9704 §7.2); null for ledgers, which are
 *     tables rather than 公文
 * @param addressee 主送 (may be null for public documents)
 * @param paragraphs 正文, one entry per paragraph
 * @param tables the lists and ledgers that belong to the document
 * @param issuer 落款
 * @param date 成文日期 (may be null while the step that dates it has not happened)
 */
public record OfficialDocument(String fileName, Letterhead letterhead, String title, String addressee, List<String> paragraphs,
                               List<Table> tables, String issuer, LocalDate date) {

  /** Width of the 版心 of a portrait A4 page, GB/T 9704 §5.2.2. */
  static final int TEXT_WIDTH_MM = 156;

  public OfficialDocument {
    paragraphs = List.copyOf(paragraphs);
    tables = List.copyOf(tables);
  }

  /** 成文日期 written the way documents write it: 2022年6月29日. */
  public String dateText() {
    return date == null ? "" : DocumentService.date(date);
  }

  /**
   * 版头 of a 公文 (GB/T 9704 §7.2): the issuing body printed in red above a red rule, and the
   * 发文字号 between them.
   *
   * @param body 发文机关标志, e.g. 中共县委巡察工作领导小组办公室 or 县委第二巡察组
   * @param number 发文字号, e.g. 县巡察办〔2022〕3号
   */
  public record Letterhead(String body, String number) {

    private static final int LARGEST_MARK = 36;

    /** Size of the issuing body's name in points: large, and on one line of the 版心 however long the name. */
    public int markSize() {
      return (int) Math.min(LARGEST_MARK, Math.floor(TEXT_WIDTH_MM / 25.4 * 72 / body.length()));
    }
  }

  /** A list or ledger: a caption, the column headings and the rows, all as text. */
  public record Table(String caption, List<String> header, List<List<String>> rows) {

    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }

    /**
     * The widest text of each column, heading included, in half-width characters ({@link #textWidth},
     * as spreadsheets measure columns): the writers size columns by it.
     */
    public List<Integer> textWidths() {
      return IntStream.range(0, header.size()).map(column -> Stream.concat(Stream.of(header), rows.stream())
          .mapToInt(row -> textWidth(row.get(column))).max().orElse(0)).boxed().toList();
    }

    /**
     * The width of a text in half-width characters: Latin letters, digits and ASCII punctuation count
     * one, everything from General Punctuation on two — Chinese characters, and the quotes, dashes,
     * ellipses and circled numbers that a Chinese font prints full-width (“”——……①).
     */
    static int textWidth(String text) {
      return text.codePoints().map(c -> c < 0x2000 ? 1 : 2).sum();
    }
  }

  /**
   * Whether a body paragraph is set justified, as official documents are. Not when it carries an
   * unbreakable run of 16 or more Latin characters (a link, an e-mail address): a line that breaks
   * before such a run would spread its Chinese characters apart (网 络 举 报 平 台), so it is set
   * ragged instead.
   */
  public boolean justified(String paragraph) {
    return !UNBREAKABLE.matcher(paragraph).find();
  }

  private static final java.util.regex.Pattern UNBREAKABLE = java.util.regex.Pattern.compile("[!-~]{16,}");
}
