package cn.xuncha.system;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * A submitted Camunda Form field is a transient task-local variable (Camunda 7 transient variables:
 * they live for the command and are never written), unless the task shows a stored value under
 * that name. The task's complete listener ({@link FormTask}) reads the submission in the same
 * command and stores what it keeps in the application's own tables, the record of truth; the
 * engine's variable and detail history does not hold the entered values a second time, nor does
 * the process see them (a listener sets what a gateway routes on, e.g. {@code reviewOutcome}).
 * Who submitted which form when stays in the engine's history (the task instance and the
 * operation log's completion). A refused submission rolls the command back and changes nothing.
 *
 * <p>Mechanism: a BPMN parse listener wraps the form handler of every user task with a
 * {@code camunda:formRef}. Camunda's own handler ({@code DefaultFormHandler.submitFormVariables})
 * would set each submitted value with {@code setVariable} — onto the task's local variable of that
 * name or, without one, onto the process instance — and add a form-property history row per text;
 * it still does so for the fields the task shows stored values under (a draft returned for rework),
 * which it updates in place and deletes with the task as before. Which fields a user may submit at
 * all is checked before the command runs (cn.xuncha.security.UserCommandGuard, against the fields
 * of the task's deployed form).
 */
@Component
public class TransientFormFields extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        if (definition.getCamundaFormDefinitionKey() != null) {
          definition.setTaskFormHandler(new Handler(definition.getTaskFormHandler()));
        }
      }
    });
  }

  /**
   * The value as a transient one. A serialized value the REST API hands over (Json, Object) becomes
   * its serialized text: a transient value is never deserialized, and {@link FormValues#tree} reads
   * JSON text.
   */
  static TypedValue asTransient(TypedValue value) {
    if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
      return Variables.stringValue(serializable.getValueSerialized(), true);
    }
    return Variables.untypedValue(value.getType() == null ? value.getValue() : value, true);
  }

  private static final class Handler implements TaskFormHandler {

    private final TaskFormHandler engineHandler;

    Handler(TaskFormHandler engineHandler) {
      this.engineHandler = engineHandler;
    }

    @Override
    public void parseConfiguration(Element activityElement, DeploymentEntity deployment, ProcessDefinitionEntity processDefinition,
        BpmnParse bpmnParse) {
      engineHandler.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
    }

    @Override
    public TaskFormData createTaskForm(TaskEntity task) {
      return engineHandler.createTaskForm(task);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope scope) {
      if (!(scope instanceof TaskEntity task)) {
        engineHandler.submitFormVariables(properties, scope);
        return;
      }
      VariableMap shown = Variables.createVariables();
      for (String name : properties.keySet()) {
        TypedValue value = properties.getValueTyped(name);
        if (task.hasVariableLocal(name)) {
          shown.putValueTyped(name, value);
        } else {
          task.setVariableLocal(name, asTransient(value));
        }
      }
      engineHandler.submitFormVariables(shown, task);
    }
  }
}
