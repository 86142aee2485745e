package cn.xuncha.documents;

import cn.xuncha.round.RoundRepository;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The official documents of a unit as print-ready HTML, {@code ?format=docx} and, for ledgers,
 * {@code ?format=xlsx}; and the office's ledger of the use of results.
 */
@Controller
class DocumentController {

  private static final MediaType DOCX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final DocumentService documents;
  private final DocumentAccess access;
  private final RoundRepository rounds;
  private final DocxWriter docx;
  private final XlsxWriter xlsx;

  DocumentController(DocumentService documents, DocumentAccess access, RoundRepository rounds, DocxWriter docx, XlsxWriter xlsx) {
    this.documents = documents;
    this.access = access;
    this.rounds = rounds;
    this.docx = docx;
    this.xlsx = xlsx;
  }

  @GetMapping("/documents/{roundKey}/ledger")
  Object officeLedger(@PathVariable String roundKey, @RequestParam(defaultValue = "html") String format, Authentication user,
                      Model model) {
    access.checkOffice(user);
    knownRound(roundKey);
    return render(documents.officeLedger(roundKey), true, format, model);
  }

  @GetMapping("/documents/{roundKey}/{unitGroup}/{kind}")
  Object unitDocument(@PathVariable String roundKey, @PathVariable String unitGroup, @PathVariable String kind,
                      @RequestParam(defaultValue = "html") String format, Authentication user, Model model) {
    DocumentKind documentKind = DocumentKind.byPath(kind)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这种文书：" + kind));
    knownRound(roundKey);
    access.checkUnit(user, roundKey, unitGroup, documentKind);
    return render(documents.build(roundKey, unitGroup, documentKind), documentKind.ledger(), format, model);
  }

  private void knownRound(String roundKey) {
    if (rounds.findPlan(roundKey).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这一轮巡察：" + roundKey);
    }
  }

  private Object render(OfficialDocument document, boolean ledger, String format, Model model) {
    return switch (format) {
      case "html" -> {
        model.addAttribute("document", document);
        model.addAttribute("ledger", ledger);
        yield "document";
      }
      case "docx" -> download(docx.write(document), document.fileName() + ".docx", DOCX);
      case "xlsx" -> {
        if (!ledger) {
          throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "只有台账可以下载为 Excel 表格");
        }
        yield download(xlsx.write(document), document.fileName() + ".xlsx", XLSX);
      }
      default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "不支持的格式：" + format + "（可选 html、docx、xlsx）");
    };
  }

  private static ResponseEntity<byte[]> download(byte[] body, String fileName, MediaType type) {
    return ResponseEntity.ok().contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
        .body(body);
  }
}
