package cn.xuncha.registers;

import cn.xuncha.registers.FileRequestRegister.FileRequest;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.Markdown;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tasks the registers give the inspected unit: answering a file request (办法 第十五条). Each
 * task works on the entry its process variable names; what it shows and records is the register's.
 */
@Configuration(proxyBeanMethods = false)
class RegisterTasks {

  /** The unit provides requested files: shows what and by when, records the day provided ({@link FileRequestRegister#provided}). */
  @Bean
  FormTask fileProvide(FileRequestRegister files) {
    return new FormTask() {
      @Override
      protected Map<String, Object> show(DelegateTask task) {
        FileRequest request = files.find(id(task, FileRequestRegister.REQUEST_ID));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("request", "**" + request.category() + "**　" + request.requestedOn() + " 调阅\n\n" + Markdown.escape(request.description()));
        values.put("dueOn", request.dueOn().toString());
        values.put("providedOn", null);
        values.put("note", null);
        return values;
      }

      @Override
      protected void submit(DelegateTask task, FormSubmission form) {
        files.provided(id(task, FileRequestRegister.REQUEST_ID), form, Actors.of(task));
      }
    };
  }

  static long id(DelegateTask task, String variable) {
    return ((Number) task.getVariable(variable)).longValue();
  }
}
