package cn.xuncha.documents;

import cn.xuncha.documents.OfficialDocument.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.springframework.stereotype.Component;

/** Writes a document as .docx in the GB/T 9704 layout, editable in Word and WPS. */
@Component
class DocxWriter {

  /** Twentieths of a point per millimetre. */
  private static final double TWIPS_PER_MM = 1440 / 25.4;
  private static final String TITLE_FONT = "方正小标宋简体";
  private static final String BODY_FONT = "仿宋_GB2312";
  /** 2号 and 3号 in points. */
  private static final int SIZE_2 = 22;
  private static final int SIZE_3 = 16;

  private final String issuer;

  DocxWriter(DocumentService documents) {
    this.issuer = documents.issuer();
  }

  byte[] write(OfficialDocument document) {
    try (XWPFDocument docx = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      pageSetup(docx);
      XWPFRun mark = run(paragraph(docx, ParagraphAlignment.CENTER), issuer, TITLE_FONT, SIZE_2);
      mark.setColor("FF0000");
      run(paragraph(docx, ParagraphAlignment.CENTER), document.title(), TITLE_FONT, SIZE_2);
      if (document.addressee() != null) {
        run(paragraph(docx, ParagraphAlignment.LEFT), document.addressee(), BODY_FONT, SIZE_3);
      }
      for (String text : document.paragraphs()) {
        XWPFParagraph paragraph = paragraph(docx, ParagraphAlignment.BOTH);
        paragraph.setFirstLineIndent(2 * SIZE_3 * 20);
        run(paragraph, text, BODY_FONT, SIZE_3);
      }
      document.tables().forEach(table -> table(docx, table));
      run(paragraph(docx, ParagraphAlignment.RIGHT), document.issuer(), BODY_FONT, SIZE_3);
      run(paragraph(docx, ParagraphAlignment.RIGHT), document.dateText(), BODY_FONT, SIZE_3);
      docx.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pageSetup(XWPFDocument docx) {
    CTSectPr section = docx.getDocument().getBody().addNewSectPr();
    CTPageSz size = section.addNewPgSz();
    size.setW(twips(210));
    size.setH(twips(297));
    CTPageMar margin = section.addNewPgMar();
    margin.setTop(twips(37));
    margin.setBottom(twips(35));
    margin.setLeft(twips(28));
    margin.setRight(twips(26));
  }

  private static void table(XWPFDocument docx, Table table) {
    run(paragraph(docx, ParagraphAlignment.CENTER), table.caption(), BODY_FONT, SIZE_3).setBold(true);
    XWPFTable grid = docx.createTable(table.rows().size() + 1, table.header().size());
    grid.setWidth("100%");
    fill(grid, 0, table.header(), true);
    for (int row = 0; row < table.rows().size(); row++) {
      fill(grid, row + 1, table.rows().get(row), false);
    }
  }

  private static void fill(XWPFTable grid, int row, List<String> cells, boolean bold) {
    for (int column = 0; column < cells.size(); column++) {
      XWPFParagraph paragraph = grid.getRow(row).getCell(column).getParagraphs().get(0);
      run(paragraph, cells.get(column), BODY_FONT, 12).setBold(bold);
    }
  }

  private static XWPFParagraph paragraph(XWPFDocument docx, ParagraphAlignment alignment) {
    XWPFParagraph paragraph = docx.createParagraph();
    paragraph.setAlignment(alignment);
    paragraph.setSpacingBetween(28 * 20, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT);
    return paragraph;
  }

  private static XWPFRun run(XWPFParagraph paragraph, String text, String font, int size) {
    XWPFRun run = paragraph.createRun();
    run.setText(text);
    run.setFontFamily(font);
    run.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
    run.setFontSize(size);
    return run;
  }

  private static BigInteger twips(int millimetres) {
    return BigInteger.valueOf(Math.round(millimetres * TWIPS_PER_MM));
  }
}
