package cn.xuncha.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;

/**
 * Downloaded documents as a person sees them: LibreOffice headless converts them all to PDF in
 * one call (into {@code target/documents/}, where {@code docs/documents/render.sh} takes its
 * pictures), and each PDF is read back as pages of text and a picture of page 1. Without
 * LibreOffice the calling test is skipped, except under {@code CI=true}, where it fails.
 */
final class PrintedDocuments {

  static final Path DIR = Path.of("target", "documents");

  private PrintedDocuments() {
  }

  /** One printed document: its pages' text, page sizes in points, and page 1 rendered at 50 dpi. */
  record Printed(List<String> pages, List<PDRectangle> sizes, BufferedImage firstPage) {

    String text() {
      return String.join("\n", pages);
    }

    boolean landscape() {
      return sizes.stream().allMatch(size -> size.getWidth() > size.getHeight());
    }

    boolean portraitA4() {
      return sizes.stream().allMatch(size -> Math.abs(size.getWidth() - PDRectangle.A4.getWidth()) < 2
          && Math.abs(size.getHeight() - PDRectangle.A4.getHeight()) < 2);
    }

    /**
     * The longest run of red pixels on one row of page 1, as a share of the page width: the red
     * rule of a 版头 spans the 版心, about three quarters of the page.
     */
    double longestRedLine() {
      int longest = 0;
      for (int y = 0; y < firstPage.getHeight(); y++) {
        int run = 0;
        for (int x = 0; x < firstPage.getWidth(); x++) {
          int rgb = firstPage.getRGB(x, y);
          boolean red = (rgb >> 16 & 0xff) > 180 && (rgb >> 8 & 0xff) < 100 && (rgb & 0xff) < 100;
          run = red ? run + 1 : 0;
          longest = Math.max(longest, run);
        }
      }
      return (double) longest / firstPage.getWidth();
    }
  }

  /** Writes the files (name with extension → content), converts them with one soffice call and reads the PDFs back, by name. */
  static Map<String, Printed> print(Map<String, byte[]> files) throws IOException, InterruptedException {
    String soffice = soffice();
    Files.createDirectories(DIR);
    try (Stream<Path> old = Files.list(DIR)) {
      for (Path file : old.filter(Files::isRegularFile).toList()) {
        Files.delete(file);
      }
    }
    substituteOfficialFonts();
    List<String> command = new ArrayList<>(List.of(soffice, "--headless", "--norestore",
        // A profile of its own, so that a LibreOffice already running for someone else does not take the job.
        "-env:UserInstallation=" + DIR.resolve("profile").toAbsolutePath().toUri(),
        "--convert-to", "pdf", "--outdir", DIR.toString()));
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey();
      Path written = DIR.resolve(baseName(name) + name.substring(name.lastIndexOf('.')));
      Files.write(written, file.getValue());
      command.add(written.toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(DIR.resolve("soffice.log").toFile()).start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("soffice finishes within 5 minutes").isTrue();
    assertThat(process.exitValue()).as("soffice exit code, see " + DIR.resolve("soffice.log")).isZero();
    Map<String, Printed> printed = new LinkedHashMap<>();
    for (String name : files.keySet()) {
      printed.put(name, read(DIR.resolve(baseName(name) + ".pdf").toFile()));
    }
    return printed;
  }

  /**
   * Where 仿宋_GB2312, 方正小标宋简体 and 宋体 are not installed, fontconfig would print a sans-serif
   * font; LibreOffice's replacement table in the profile prints a serif CJK font instead, as close as
   * a free font comes to what a reader's machine shows.
   */
  private static void substituteOfficialFonts() throws IOException {
    StringBuilder pairs = new StringBuilder();
    List<String> fonts = List.of("仿宋_GB2312", "方正小标宋简体", "宋体");
    for (int i = 0; i < fonts.size(); i++) {
      pairs.append("""
          <item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs"><node oor:name="_%d" oor:op="replace">\
          <prop oor:name="Always" oor:op="fuse"><value>true</value></prop>\
          <prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>\
          <prop oor:name="ReplaceFont" oor:op="fuse"><value>%s</value></prop>\
          <prop oor:name="SubstituteFont" oor:op="fuse"><value>Noto Serif CJK SC</value></prop></node></item>
          """.formatted(i, fonts.get(i)));
    }
    Path settings = DIR.resolve("profile").resolve("user").resolve("registrymodifications.xcu");
    Files.createDirectories(settings.getParent());
    Files.writeString(settings, """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Common/Font/Substitution"><prop oor:name="Replacement" oor:op="fuse">\
        <value>true</value></prop></item>
        %s</oor:items>
        """.formatted(pairs));
  }

  /** notice.docx is written as notice-docx.docx and prints to notice-docx.pdf: a ledger's .docx and .xlsx must not print over each other. */
  private static String baseName(String name) {
    return name.replace('.', '-');
  }

  private static Printed read(File pdf) throws IOException {
    assertThat(pdf).as("LibreOffice wrote " + pdf).exists();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      List<String> pages = new ArrayList<>();
      List<PDRectangle> sizes = new ArrayList<>();
      PDFTextStripper stripper = new PDFTextStripper();
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        pages.add(stripper.getText(document));
        sizes.add(document.getPage(page - 1).getMediaBox());
      }
      return new Printed(pages, sizes, new PDFRenderer(document).renderImageWithDPI(0, 50));
    }
  }

  private static String soffice() {
    String found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, "soffice")).filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
    if ("true".equals(System.getenv("CI"))) {
      assertThat(found).as("CI must print the documents: install libreoffice-writer-nogui and libreoffice-calc-nogui (.ci/run does)")
          .isNotNull();
    }
    Assumptions.assumeTrue(found != null, "文书打印测试已跳过：未安装 LibreOffice（找不到 soffice）");
    return found;
  }
}
