package cn.xuncha.documents;

import cn.xuncha.documents.OfficialDocument.Letterhead;
import cn.xuncha.documents.OfficialDocument.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.springframework.stereotype.Component;

/**
 * Writes a document as .docx, editable in Word and WPS, in the layout of GB/T 9704-2012 《党政机关公文格式》:
 * A4 with the 版心 156 mm × 225 mm (margins 37/35/28/26 mm), 正文 in 3号仿宋 at a fixed 28 pt line
 * spacing, 版头 with the issuing body in red 小标宋 and a red rule under the 发文字号, title in 2号小标宋.
 * Ledgers, which are tables and not 公文, print on A4 landscape without 版头.
 */
@Component
class DocxWriter {

  /** Twentieths of a point (twips) per millimetre and per point: Word measures page and spacing in twips. */
  private static final double TWIPS_PER_MM = 1440 / 25.4;
  private static final int TWIPS_PER_POINT = 20;
  private static final String TITLE_FONT = "方正小标宋简体";
  private static final String BODY_FONT = "仿宋_GB2312";
  /** 2号, 3号 and 小四 in points. */
  private static final int SIZE_2 = 22;
  private static final int SIZE_3 = 16;
  private static final int SIZE_SMALL_4 = 12;
  /** 正文 line spacing, fixed (固定值): 22 lines on the 225 mm 版心. */
  private static final int LINE = 28;
  /** Width of the 版心 on a landscape page: the portrait margins turned with the page. */
  private static final int LANDSCAPE_WIDTH_MM = 297 - 37 - 35;
  /**
   * Bounds of a table column's weight, in half-width characters of its widest text, and what its
   * cell margins take: a two-character heading such as 序号 stays on one line.
   */
  private static final int NARROWEST_COLUMN = 6;
  private static final int WIDEST_COLUMN = 30;
  private static final int CELL_MARGINS = 3;
  private static final String RED = "FF0000";

  byte[] write(OfficialDocument document) {
    try (XWPFDocument docx = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      boolean ledger = document.letterhead() == null;
      int width = ledger ? LANDSCAPE_WIDTH_MM : OfficialDocument.TEXT_WIDTH_MM;
      if (!ledger) {
        letterhead(docx, document.letterhead());
      }
      XWPFParagraph title = paragraph(docx, ParagraphAlignment.CENTER, LINE);
      title.setSpacingAfter(LINE * TWIPS_PER_POINT);
      XWPFRun titleRun = run(title, "", TITLE_FONT, SIZE_2);
      List<String> lines = titleLines(document.title(), (int) (points(width) / SIZE_2));
      for (int i = 0; i < lines.size(); i++) {
        if (i > 0) {
          titleRun.addBreak();
        }
        titleRun.setText(lines.get(i), i);
      }
      if (document.addressee() != null) {
        run(paragraph(docx, ParagraphAlignment.LEFT, LINE), document.addressee(), BODY_FONT, SIZE_3);
      }
      for (String text : document.paragraphs()) {
        XWPFParagraph paragraph = paragraph(docx, document.justified(text) ? ParagraphAlignment.BOTH : ParagraphAlignment.LEFT, LINE);
        paragraph.setIndentationFirstLine(2 * SIZE_3 * TWIPS_PER_POINT);
        run(paragraph, text, BODY_FONT, SIZE_3);
      }
      document.tables().forEach(table -> table(docx, table, width));
      XWPFParagraph signature = signatureLine(docx, document.issuer());
      signature.setSpacingBefore(LINE * TWIPS_PER_POINT);
      signature.setKeepNext(true);
      signatureLine(docx, document.dateText());
      pageSetup(docx, ledger);
      docx.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 发文机关标志 in red, the 发文字号 under it and, 4 mm below, the red rule as wide as the 版心 (GB/T 9704 §7.2). */
  private static void letterhead(XWPFDocument docx, Letterhead letterhead) {
    int markSize = letterhead.markSize();
    XWPFParagraph mark = paragraph(docx, ParagraphAlignment.CENTER, markSize * 5 / 4);
    run(mark, letterhead.body(), TITLE_FONT, markSize).setColor(RED);
    XWPFParagraph number = paragraph(docx, ParagraphAlignment.CENTER, LINE);
    number.setSpacingBefore(LINE * TWIPS_PER_POINT);
    number.setSpacingAfter(LINE * TWIPS_PER_POINT);
    run(number, letterhead.number(), BODY_FONT, SIZE_3);
    CTBorder rule = number.getCTP().getPPr().addNewPBdr().addNewBottom();
    rule.setVal(STBorder.SINGLE);
    rule.setColor(RED);
    rule.setSz(BigInteger.valueOf(12)); // eighths of a point: 1.5 pt
    rule.setSpace(BigInteger.valueOf(11)); // points: 4 mm
  }

  /**
   * A title longer than a line, broken where a reader expects it (GB/T 9704 §7.3.1: 回行时要做到
   * 词意完整，排列对称): into two lines before 关于 or 进驻 or after 的, whichever makes the lines most
   * even; without such a place, into lines of equal length, so no line keeps a character or two.
   */
  static List<String> titleLines(String title, int perLine) {
    if (title.length() <= perLine) {
      return List.of(title);
    }
    Optional<Integer> cut = IntStream.range(1, title.length())
        .filter(i -> title.startsWith("关于", i) || title.startsWith("进驻", i) || title.charAt(i - 1) == '的')
        .filter(i -> i <= perLine && title.length() - i <= perLine).boxed()
        .min(Comparator.comparingInt(i -> Math.max(i, title.length() - i)));
    if (cut.isPresent()) {
      return List.of(title.substring(0, cut.get()), title.substring(cut.get()));
    }
    int count = (title.length() + perLine - 1) / perLine;
    int length = (title.length() + count - 1) / count;
    List<String> lines = new ArrayList<>();
    for (int start = 0; start < title.length(); start += length) {
      lines.add(title.substring(start, Math.min(title.length(), start + length)));
    }
    return lines;
  }

  /** A table as wide as the 版心, its columns shared out by the length of their texts; the heading row repeats on every page. */
  private static void table(XWPFDocument docx, Table table, int widthMm) {
    XWPFParagraph caption = paragraph(docx, ParagraphAlignment.CENTER, LINE);
    caption.setSpacingBefore(LINE / 2 * TWIPS_PER_POINT);
    caption.setKeepNext(true);
    run(caption, table.caption(), BODY_FONT, SIZE_3).setBold(true);
    XWPFTable grid = docx.createTable(1, table.header().size());
    List<Integer> weights = table.textWidths().stream()
        .map(width -> Math.max(NARROWEST_COLUMN, Math.min(WIDEST_COLUMN, width)) + CELL_MARGINS).toList();
    int total = weights.stream().mapToInt(Integer::intValue).sum();
    long tableTwips = twips(widthMm).longValue();
    grid.setWidth(String.valueOf(tableTwips));
    CTTblGrid columns = grid.getCTTbl().getTblGrid() == null ? grid.getCTTbl().addNewTblGrid() : grid.getCTTbl().getTblGrid();
    while (columns.sizeOfGridColArray() > 0) {
      columns.removeGridCol(0);
    }
    List<String> cellWidths = new ArrayList<>();
    for (int weight : weights) {
      long twips = tableTwips * weight / total;
      columns.addNewGridCol().setW(BigInteger.valueOf(twips));
      cellWidths.add(String.valueOf(twips));
    }
    XWPFTableRow header = grid.getRow(0);
    header.setRepeatHeader(true);
    fill(header, table.header(), true);
    table.rows().forEach(row -> fill(grid.createRow(), row, false));
    grid.getRows().forEach(row -> {
      for (int column = 0; column < row.getTableCells().size(); column++) {
        row.getCell(column).setWidth(cellWidths.get(column));
      }
    });
    if (table.rows().isEmpty()) {
      XWPFTableRow none = grid.createRow();
      while (none.getTableCells().size() > 1) {
        none.removeCell(1);
      }
      XWPFTableCell all = none.getCell(0);
      (all.getCTTc().isSetTcPr() ? all.getCTTc().getTcPr() : all.getCTTc().addNewTcPr()).addNewGridSpan()
          .setVal(BigInteger.valueOf(table.header().size()));
      all.setWidth(String.valueOf(tableTwips));
      fill(none, List.of("暂无记录。"), false);
    }
  }

  private static void fill(XWPFTableRow row, List<String> cells, boolean bold) {
    row.setCantSplitRow(true);
    for (int column = 0; column < cells.size(); column++) {
      XWPFParagraph paragraph = row.getCell(column).getParagraphs().get(0);
      if (bold) {
        paragraph.setAlignment(ParagraphAlignment.CENTER);
      }
      run(paragraph, cells.get(column), BODY_FONT, SIZE_SMALL_4).setBold(bold);
    }
  }

  /** 落款 and 成文日期, right-aligned two characters in from the edge. */
  private static XWPFParagraph signatureLine(XWPFDocument docx, String text) {
    XWPFParagraph line = paragraph(docx, ParagraphAlignment.RIGHT, LINE);
    line.setIndentationRight(2 * SIZE_3 * TWIPS_PER_POINT);
    run(line, text, BODY_FONT, SIZE_3);
    return line;
  }

  private static XWPFParagraph paragraph(XWPFDocument docx, ParagraphAlignment alignment, int lineSpacingPoints) {
    XWPFParagraph paragraph = docx.createParagraph();
    paragraph.setAlignment(alignment);
    // POI takes an EXACT spacing in points and writes it in twips itself.
    paragraph.setSpacingBetween(lineSpacingPoints, LineSpacingRule.EXACT);
    return paragraph;
  }

  private static XWPFRun run(XWPFParagraph paragraph, String text, String font, int size) {
    XWPFRun run = paragraph.createRun();
    run.setText(text);
    run.setFontFamily(font);
    run.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
    run.setFontSize(size);
    CTRPr properties = run.getCTR().isSetRPr() ? run.getCTR().getRPr() : run.getCTR().addNewRPr();
    (properties.sizeOfLangArray() > 0 ? properties.getLangArray(0) : properties.addNewLang()).setEastAsia("zh-CN");
    return run;
  }

  /** A4 with the GB/T 9704 margins; a ledger turns the page (landscape) and keeps the margins. */
  private static void pageSetup(XWPFDocument docx, boolean landscape) {
    CTSectPr section = docx.getDocument().getBody().addNewSectPr();
    CTPageSz size = section.addNewPgSz();
    CTPageMar margin = section.addNewPgMar();
    // turning the page turns the margins with it: portrait's top/bottom become landscape's left/right
    int[] margins = landscape ? new int[] {28, 26, 37, 35} : new int[] {37, 35, 28, 26};
    if (landscape) {
      size.setOrient(STPageOrientation.LANDSCAPE);
    }
    size.setW(twips(landscape ? 297 : 210));
    size.setH(twips(landscape ? 210 : 297));
    margin.setTop(twips(margins[0]));
    margin.setBottom(twips(margins[1]));
    margin.setLeft(twips(margins[2]));
    margin.setRight(twips(margins[3]));
  }

  private static double points(int millimetres) {
    return millimetres / 25.4 * 72;
  }

  private static BigInteger twips(int millimetres) {
    return BigInteger.valueOf(Math.round(millimetres * TWIPS_PER_MM));
  }
}
