package cn.xuncha.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.variable.serializer.PrimitiveValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Free texts of any length as String variables. The engine keeps a String variable in the
 * 4,000-character column {@code TEXT_} of its variable and history tables, so a submitted report or
 * feedback longer than that failed with a persistence error on H2 and PostgreSQL although the forms
 * allow up to 20,000 characters. This plugin registers, ahead of the engine's own, a serializer that
 * stores only such long Strings as UTF-8 bytes in the engine's byte-array table; they still read as
 * type String everywhere (Java API, REST, Tasklist, history). Shorter Strings are stored as before.
 * Such long Strings are the values a task shows (a report draft returned for rework): submitted
 * values are transient ({@link TransientFormFields}), except a field the task shows a value for,
 * which the engine also records as a "form property" history detail, always in a {@code TEXT_}
 * column; there a long value is cut to the column with a note, since the whole text is in the
 * variable's own history and in the application's records. The length a form allows is
 * enforced by {@link FormSubmission#text}, not here.
 */
@Component
class LongTextPlugin extends AbstractProcessEnginePlugin {

  /** Characters of Camunda's {@code TEXT_} columns (ACT_RU_VARIABLE, ACT_HI_VARINST, ACT_HI_DETAIL). */
  static final int TEXT_COLUMN_LENGTH = 4000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreVariableSerializers() == null) {
      configuration.setCustomPreVariableSerializers(new ArrayList<>());
    }
    configuration.getCustomPreVariableSerializers().add(new LongTextSerializer());
    // Custom handlers run before the engine's own database handler, which inserts the same event object.
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new FormPropertyCut());
  }

  /** Cuts a form property's recorded value to the {@code TEXT_} column of ACT_HI_DETAIL. */
  static final class FormPropertyCut implements HistoryEventHandler {

    static final String NOTE = "……（超过 4000 字，全文见变量历史）";

    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricFormPropertyEventEntity property
          && property.getPropertyValue() instanceof String value && value.length() > TEXT_COLUMN_LENGTH) {
        property.setPropertyValue(value.substring(0, TEXT_COLUMN_LENGTH - NOTE.length()) + NOTE);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }

  /** A String longer than {@link #TEXT_COLUMN_LENGTH}, kept as bytes under its own serializer name. */
  static final class LongTextSerializer extends PrimitiveValueSerializer<StringValue> {

    static final String NAME = "xuncha-long-text";

    LongTextSerializer() {
      super(ValueType.STRING);
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    protected boolean canWriteValue(TypedValue value) {
      return value.getValue() instanceof String text && text.length() > TEXT_COLUMN_LENGTH;
    }

    @Override
    public StringValue convertToTypedValue(UntypedValueImpl untypedValue) {
      return Variables.stringValue((String) untypedValue.getValue(), untypedValue.isTransient());
    }

    @Override
    public void writeValue(StringValue value, ValueFields valueFields) {
      valueFields.setByteArrayValue(value.getValue().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public StringValue readValue(ValueFields valueFields, boolean asTransientValue) {
      byte[] bytes = valueFields.getByteArrayValue();
      return Variables.stringValue(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8), asTransientValue);
    }
  }
}
