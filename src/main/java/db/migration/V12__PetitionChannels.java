package db.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Announcement records (xc_unit_record kind ANNOUNCEMENT) from version 1 to 2: the four fixed
 * channel fields (phone, email, mailbox, suggestionBox) become rows of {@code channels} in that order,
 * empty ones left out, and the petition closing date, which version 1 did not record, is the unit's
 * round's withdrawal date (what the 公告 printed then), without a time of day. In Java because
 * rewriting JSON the same way on H2 and PostgreSQL is beyond portable SQL.
 */
public class V12__PetitionChannels extends BaseJavaMigration {

  private static final Map<String, String> CHANNELS = channels();

  private static Map<String, String> channels() {
    Map<String, String> channels = new LinkedHashMap<>();
    channels.put("phone", "电话");
    channels.put("email", "电子邮箱");
    channels.put("mailbox", "邮政信箱");
    channels.put("suggestionBox", "意见箱");
    return channels;
  }

  @Override
  public void migrate(Context context) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Connection connection = context.getConnection();
    try (PreparedStatement select = connection.prepareStatement("""
            select r.id, r.content, round.withdrawal_date from xc_unit_record r
            join xc_unit u on u.id = r.unit_id join xc_round round on round.id = u.round_id
            where r.kind = 'ANNOUNCEMENT' and r.record_version = 1""");
        PreparedStatement update = connection.prepareStatement(
            "update xc_unit_record set content = ?, record_version = 2 where id = ?");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        ObjectNode record = (ObjectNode) json.readTree(rows.getString("content"));
        ArrayNode converted = record.putArray("channels");
        CHANNELS.forEach((field, kind) -> {
          String contact = record.path(field).asText("").strip();
          record.remove(field);
          if (!contact.isEmpty()) {
            converted.addObject().put("kind", kind).put("contact", contact).putNull("hours").putNull("note");
          }
        });
        java.sql.Date withdrawal = rows.getDate("withdrawal_date");
        record.put("petitionsCloseOn", withdrawal == null ? null : withdrawal.toLocalDate().toString());
        record.putNull("petitionsCloseAt");
        update.setString(1, json.writeValueAsString(record));
        update.setLong(2, rows.getLong("id"));
        update.executeUpdate();
      }
    }
  }
}
