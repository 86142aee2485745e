package cn.xuncha.round;

import cn.xuncha.system.Actors;
import cn.xuncha.system.Departments;
import cn.xuncha.system.FormValues;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The office's plan task: fills the form from the stored plan (or the preset) when the task is
 * created, with the departments, teams, unit accounts and pool people it offers by name, and checks and stores the submitted plan when it is completed. The plan's fields are
 * task-local, so they never become process variables.
 */
@Component("roundPlanDraft")
class RoundPlanDraftListener implements TaskListener {

  private final RoundPlanService plans;
  private final Departments departments;

  RoundPlanDraftListener(RoundPlanService plans, Departments departments) {
    this.plans = plans;
    this.departments = departments;
  }

  @Override
  public void notify(DelegateTask task) {
    String businessKey = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      boolean sample = RoundStartedListener.SAMPLE.equals(task.getVariable(RoundVariables.PRESET));
      RoundPlanService.Draft draft = plans.draft(businessKey, sample);
      task.setVariablesLocal(RoundPlanForm.toVariables(draft.plan()));
      task.setVariableLocal(RoundVariables.RETURN_COMMENT, draft.returnComment());
      task.setVariableLocal(RoundVariables.DEPARTMENT_OPTIONS, FormValues.json(departments.options()));
      task.setVariableLocal(RoundVariables.TEAM_OPTIONS, FormValues.json(RoundPlanService.teamOptions(draft.plan())));
      task.setVariableLocal(RoundVariables.LEADER_OPTIONS, FormValues.json(plans.peopleOptions(true)));
      task.setVariableLocal(RoundVariables.PEOPLE_OPTIONS, FormValues.json(plans.peopleOptions(false)));
      task.setVariableLocal(RoundVariables.UNIT_GROUP_OPTIONS, FormValues.json(plans.unitGroupOptions()));
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      plans.submit(businessKey, task.getTenantId(), RoundPlanForm.fromVariables(task::getVariable), Actors.of(task));
    }
  }
}
