package cn.xuncha.system;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessInstanceStateCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.GetActivityInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Refused input as the user and the operator meet it. The engine wraps what a listener throws in
 * its own exception ("ENGINE-03051 ... Exception while invoking TaskListener: ..."); this plugin
 * hands an {@link InvalidInputException} through unwrapped, so the REST API answers 400 with our
 * Chinese message alone. It runs outside the transaction interceptor: by the time it sees the
 * exception, the submission is rolled back. The operator's log gets one INFO line per refusal:
 * Camunda's command context logs every other exception at ERROR with its stack trace
 * (ENGINE-16004), and lowers to DEBUG only those its {@code shouldLogFine} names, to which the
 * refusals are added here; real errors keep ERROR and their stack.
 *
 * <p>A record that does not exist (a task completed meanwhile, a stale page, a wrong id of any
 * kind: instance, execution, job, filter, definition, deployment resource, external task) is a
 * refusal too. The engine reports it in many ways — Camunda's {@link NotFoundException}, a
 * {@link NullValueException} ("Cannot find task with id …: task is null", "execution … doesn't
 * exist: execution is null"), a plain {@link ProcessEngineException} ("ENGINE-14026 No job found
 * with id …") — which the REST API answered 400 or 500 and the engine logged at ERROR with its
 * stack. Whatever the wording, when the record is one the user's command named (its id is in the
 * report: a record a delegate or a model looked for is an error of the installation and stays
 * one), the user's command ends with {@link #TASK_GONE} for a task, else
 * {@link #NOT_FOUND}; so does, under the engine's REST API, a task or process instance the user was refused and may
 * not read (a 403 would tell them it exists; {@link Unwrap#hiddenRecord}): for {@code complete} and {@code submit-form} an {@link InvalidInputException}
 * (the only engine exception besides a refused authorization that those REST resources do not turn
 * into a 500), for every other command Camunda's {@link NotFoundException}; {@code RefusalMessageFilter}
 * answers both 404. Some commands do not report a missing record at all and are checked before they
 * run: deleting a task, a user or a group and suspending, activating or modifying a process instance
 * (Camunda ignores an unknown id, answering 204) and reading a task's deployed form (a NullPointerException). Deleting a task of a process instance is refused with
 * {@link #PROCESS_TASK} (Camunda: a 500 "The task cannot be deleted because is part of a running
 * process"), a message nobody waits for with {@link #NO_RECEIVER}. A model that breaks the schema
 * ({@link ParseException}) is one INFO line with the engine's English detail.
 */
@Component
class InvalidInputPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(InvalidInputPlugin.class);
  /** What a user reads when the task they act on does not exist (any more). */
  static final String TASK_GONE = "此任务不存在或已办结，请刷新任务列表";
  /** What a user reads when anything else they name does not exist (any more). */
  static final String NOT_FOUND = "您要找的内容不存在或已被删除";
  /** The request attribute that holds the message for a record not found while the request was served. */
  static final String NOT_FOUND_NOTED = InvalidInputPlugin.class.getName() + ".notFound";
  /** Deleting a task of a process instance: it ends only by being done. */
  static final String PROCESS_TASK = "流程中的任务不能删除，只能按流程办理完成";
  /** A message no process instance or definition waits for. */
  static final String NO_RECEIVER = "没有等待此消息的巡察流程，未做任何处理";
  /**
   * The engine's wordings of a record that does not exist: "No job found with id …", "Cannot find task with id …",
   * "Task '…' not found", "Batch for id '…' cannot be found", "execution … doesn't exist", after an optional message code;
   * and of one of another county, which the tenant check keeps secret (ENGINE-13034 "Cannot read the task '…' because
   * it belongs to no authenticated tenant", issue 16 item 2): to the user it is as missing as one that does not exist.
   * The ids in the message are the user's text and are put aside before it is read ({@link #saysMissing}).
   */
  private static final Pattern NO_RECORD = Pattern.compile(
      "(?i)^(?:ENGINE-\\d+ )?(?:no\\b[^:]*?\\bfound\\b|cannot find\\b|[^:]*?\\b(?:not|cannot be) found\\b|[^:]*?\\b(?:doesn't|does not) exist\\b"
          + "|cannot [^:]*? because it belongs to no authenticated tenant\\b)");
  /**
   * A task, process instance or execution named in the path of the engine's REST API, right after the prefix (under
   * every prefix it is served), or a historic one ("/history" in group 1): not a later segment such as a variable named
   * "task" in {@code /task/<id>/variables/task/data}.
   */
  private static final Pattern NAMED_RECORD = Pattern.compile(
      "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/history)?/(task|process-instance|execution)/([^/]+)");
  /** A report about a user task ("task", "taskId"), not an external task. */
  private static final Pattern TASK = Pattern.compile("(?i)(?<!external )\\btask(?:Id)?\\b");
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  /** The commands of the REST resources that answer 500 for any engine exception but a form validation one. */
  private static final Set<String> SUBMISSIONS = Set.of("CompleteTaskCmd", "SubmitTaskFormCmd", "SubmitStartFormCmd");
  /** The command a user (or the application) started on this thread, outside any other: what a missing record is checked against. */
  private static final ThreadLocal<Command<?>> USER_COMMAND = new ThreadLocal<>();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    // outermost: it names the user's command, not the wrapper other interceptors hand on (UserCommandGuard)
    configuration.getCustomPreCommandInterceptorsTxRequired().add(0, new Unwrap(configuration));
    CommandContextFactory contexts = new CommandContextFactory() {
      @Override
      public CommandContext createCommandContext() {
        return new RefusalAwareCommandContext(processEngineConfiguration);
      }
    };
    // The engine hands its configuration only to the factory it creates itself.
    contexts.setProcessEngineConfiguration(configuration);
    configuration.setCommandContextFactory(contexts);
  }

  private static InvalidInputException refusal(Throwable exception) {
    return Causes.find(exception, InvalidInputException.class);
  }

  /**
   * The engine's report of a record that does not exist, among the causes of {@code exception}, if the record is one
   * the user's command (on this thread) named; null if none.
   */
  private static ProcessEngineException missingRecord(Throwable exception) {
    Command<?> command = USER_COMMAND.get();
    for (Throwable cause = exception; cause != null && command != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      boolean reported = cause instanceof NotFoundException || cause instanceof ProcessEngineException
          && !(cause instanceof AuthorizationException) && saysMissing(command, message);
      if (reported && Unwrap.namesArgument(command, message)) {
        return (ProcessEngineException) cause;
      }
    }
    return null;
  }

  /**
   * Whether {@code message} is one of the engine's wordings of a missing record ({@link #NO_RECORD}), read as written or
   * with the ids and keys {@code command} was given put aside ({@link Unwrap#withoutArguments}). An id is the user's
   * text, whatever a REST path can carry: one with a colon ("Task 'a:b' not found", "task a:b doesn't exist") ends
   * the clause the pattern reads, and the user got a 500 in place of the 404; put aside, it cannot. Either reading
   * suffices, since an id that is itself a word of the wording ("found") spoils the second one.
   */
  private static boolean saysMissing(Command<?> command, String message) {
    return NO_RECORD.matcher(message).find() || NO_RECORD.matcher(Unwrap.withoutArguments(command, message)).find();
  }

  /**
   * Notes on the current web request (if any) that it asked for a record that does not exist, with the message the
   * user reads: Camunda's REST resources put their own English words in place of the engine's message
   * ("Cannot get form for task …"), or none at all (HEAD); {@code RefusalMessageFilter} answers the request from this
   * note. Returns {@code message}.
   */
  private static String notFound(String message) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(NOT_FOUND_NOTED, message, RequestAttributes.SCOPE_REQUEST);
    }
    return message;
  }

  /** What the user reads for a missing record: a Chinese message of ours as it is, else which kind of record is missing. */
  private static String missingMessage(ProcessEngineException missing) {
    String message = String.valueOf(missing.getMessage());
    return CJK.matcher(message).find() ? message : TASK.matcher(message).find() ? TASK_GONE : NOT_FOUND;
  }

  static final class Unwrap extends CommandInterceptor {

    /** The shortest argument taken for an id the engine's message names: shorter ones occur in any text. */
    private static final int MIN_ARGUMENT = 3;

    private final ProcessEngineConfigurationImpl configuration;

    Unwrap(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (Context.getCommandContext() != null) {
        return refusing(command);
      }
      checkTasks(command);
      Command<?> outer = USER_COMMAND.get();
      USER_COMMAND.set(command);
      try {
        return refusing(command);
      } finally {
        if (outer == null) {
          USER_COMMAND.remove();
        } else {
          USER_COMMAND.set(outer);
        }
      }
    }

    /** Runs the command, handing on a refusal as the user reads it (see the class comment). */
    private <T> T refusing(Command<T> command) {
      String name = command.getClass().getSimpleName();
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        String hidden = Context.getCommandContext() == null && Causes.find(e, AuthorizationException.class) != null ? hiddenRecord(command) : null;
        if (hidden != null) {
          LOG.info("Not found ({}): a record the user may not read", name);
          if (command instanceof GetActivityInstanceCmd) {
            // Camunda's answer for an instance that does not exist, which its resource turns into its own 404 (a
            // refusal it would wrap in a 500 of another shape)
            return null;
          }
          String message = notFound(hidden);
          throw SUBMISSIONS.contains(name) ? new InvalidInputException(message) : new NotFoundException(message);
        }
        ProcessEngineException missing = missingRecord(e);
        // the user's command, not one it calls: the caller decides what a missing record means to it; and a record the
        // user named, not one a delegate or a model looked for (a call activity's process: an error of the installation)
        if (missing != null && Context.getCommandContext() == null) {
          LOG.info("Not found ({}): {}", name, missing.getMessage());
          String message = notFound(missingMessage(missing));
          throw SUBMISSIONS.contains(name) ? new InvalidInputException(message) : new NotFoundException(message);
        }
        if (e instanceof ParseException && Context.getCommandContext() == null) {
          // RefusalMessageFilter names file and line in Chinese; the schema's English detail is for the operator
          LOG.info("Deployment refused ({}): {}", name, e.getMessage().replaceAll("\\s*\\R\\s*", " "));
          throw e;
        }
        if (e instanceof MismatchingMessageCorrelationException && Context.getCommandContext() == null) {
          LOG.info("Input refused ({}): {}", name, e.getMessage());
          throw new MismatchingMessageCorrelationException(NO_RECEIVER);
        }
        InvalidInputException invalid = refusal(e);
        if (invalid == null) {
          throw e;
        }
        // A nested command passes here too, inside its caller's context: log once, for the outermost.
        if (Context.getCommandContext() == null) {
          LOG.info("Input refused ({}): {}", name, invalid.getMessage());
        }
        throw invalid;
      }
    }

    /**
     * What a user of the engine's REST API reads when the task, process instance or execution the request's path names
     * (and the refused command was given) is one they may not read: {@link #TASK_GONE} or {@link #NOT_FOUND}, as for one that does not exist, since a
     * 403 would tell them it exists (GET {@code /task/<id>/form}, {@code /variables}, {@code /identity-links}, POST
     * {@code /claim}, {@code /complete} …). Null outside an API request (the Java API keeps Camunda's
     * {@link AuthorizationException}, as do the application's own pages) or when the user may read the record and is
     * refused the action only: that 403 tells nothing new. A historic process instance is read from the history (a
     * finished one has no execution left).
     */
    private String hiddenRecord(Command<?> command) {
      if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)) {
        return null;
      }
      Matcher named = NAMED_RECORD.matcher(request.getRequest().getRequestURI().substring(request.getRequest().getContextPath().length()));
      if (!named.find()) {
        return null;
      }
      String id = URLDecoder.decode(named.group(3), StandardCharsets.UTF_8);
      if (!arguments(command).contains(id)) {
        return null; // a path like /process-instance/variables-async names no record
      }
      if (named.group(1) != null) {
        return configuration.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).count() == 0 ? NOT_FOUND : null;
      }
      return named.group(2).equals("task")
          ? configuration.getTaskService().createTaskQuery().taskId(id).count() == 0 ? TASK_GONE : null
          : configuration.getRuntimeService().createExecutionQuery().executionId(id).count() == 0 ? NOT_FOUND : null;
    }

    /**
     * The tasks a user's command names that Camunda does not check itself: a task to delete must exist and belong to
     * no process instance; a task whose deployed form is read must exist. A task the user may not read counts as
     * missing, so that its existence is not told to someone it is kept secret from.
     */
    private void checkTasks(Command<?> command) {
      List<String> ids = new ArrayList<>();
      if (command instanceof DeleteTaskCmd || command instanceof GetDeployedTaskFormCmd) {
        if (field(command, "taskId") instanceof String id) {
          ids.add(id);
        }
        if (field(command, "taskIds") instanceof Collection<?> many) {
          many.forEach(id -> ids.add(String.valueOf(id)));
        }
      }
      checkNamedRecord(command);
      for (String id : ids) {
        // as the user sees it: a task they may not read is as missing to them as one that does not exist
        Task task = configuration.getTaskService().createTaskQuery().taskId(id).singleResult();
        if (task == null) {
          LOG.info("Not found ({}): task {}", command.getClass().getSimpleName(), id);
          throw new NotFoundException(notFound(TASK_GONE));
        }
        if (command instanceof DeleteTaskCmd && task.getProcessInstanceId() != null) {
          LOG.info("Input refused ({}): task {} belongs to process instance {}", command.getClass().getSimpleName(), id,
              task.getProcessInstanceId());
          throw new NotValidException(PROCESS_TASK);
        }
      }
    }

    /**
     * The records other commands name that Camunda does not look for, answering 204 for an unknown id: a user or group
     * to delete, a process instance to suspend, activate or modify (a modification without instructions does nothing).
     * One the user may not read counts as missing, as above.
     */
    private void checkNamedRecord(Command<?> command) {
      boolean missing = false;
      if (command instanceof DeleteUserCmd && field(command, "userId") instanceof String user) {
        missing = configuration.getIdentityService().createUserQuery().userId(user).count() == 0;
      } else if (command instanceof DeleteGroupCmd && field(command, "groupId") instanceof String group) {
        missing = configuration.getIdentityService().createGroupQuery().groupId(group).count() == 0;
      } else if (processInstanceOf(command) instanceof String instance) {
        missing = configuration.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 0;
      }
      if (missing) {
        LOG.info("Not found ({}): {}", command.getClass().getSimpleName(), String.join(" ", arguments(command)));
        throw new NotFoundException(notFound(NOT_FOUND));
      }
    }

    /** The one process instance a suspension, activation or modification names; null for one by definition or batch. */
    private static Object processInstanceOf(Command<?> command) {
      if (command instanceof AbstractSetProcessInstanceStateCmd) {
        return field(command, "processInstanceId");
      }
      if (command instanceof ModifyProcessInstanceCmd && field(command, "builder") instanceof ProcessInstanceModificationBuilderImpl builder) {
        return builder.getProcessInstanceId();
      }
      return null;
    }

    private static List<String> arguments(Command<?> command) {
      List<String> arguments = new ArrayList<>();
      collectArguments(command, 0, arguments);
      return arguments;
    }

    /**
     * Whether {@code message} names an id or key the command was given: one of its text fields, or of the engine's
     * argument holders it carries ({@code ProcessInstantiationBuilderImpl}, …), three characters or more.
     */
    private static boolean namesArgument(Object command, String message) {
      List<String> arguments = new ArrayList<>();
      collectArguments(command, 0, arguments);
      return arguments.stream().anyMatch(argument -> argument.length() >= MIN_ARGUMENT && message.contains(argument));
    }

    /**
     * {@code message} with every id or key the command was given ({@link #namesArgument}, longest first) replaced by
     * a plain placeholder, so that the characters of a user's id (a colon, quotes) do not change how it reads.
     */
    private static String withoutArguments(Object command, String message) {
      List<String> arguments = new ArrayList<>();
      collectArguments(command, 0, arguments);
      String plain = message;
      for (String argument : arguments.stream().filter(argument -> argument.length() >= MIN_ARGUMENT)
          .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
        plain = plain.replace(argument, "ID");
      }
      return plain;
    }

    private static void collectArguments(Object holder, int depth, List<String> arguments) {
      for (Class<?> type = holder.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
        for (java.lang.reflect.Field field : type.getDeclaredFields()) {
          if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
            continue;
          }
          Object value = field(holder, field);
          if (value instanceof String text) {
            arguments.add(text);
          } else if (value instanceof Collection<?> many) {
            many.stream().filter(String.class::isInstance).map(String.class::cast).forEach(arguments::add);
          } else if (value != null && depth < 2 && value.getClass().getName().startsWith("org.camunda.bpm.engine.impl.")) {
            collectArguments(value, depth + 1, arguments);
          }
        }
      }
    }

    /** A field of a Camunda command, which keeps its arguments in protected fields without getters. */
    private static Object field(Object command, String name) {
      for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
        try {
          return field(command, type.getDeclaredField(name));
        } catch (NoSuchFieldException inSuperclass) {
          // look further up
        }
      }
      return null;
    }

    private static Object field(Object holder, java.lang.reflect.Field field) {
      try {
        field.setAccessible(true);
        return field.get(holder);
      } catch (IllegalAccessException | RuntimeException inaccessible) {
        return null;
      }
    }
  }

  /** Logs a refusal or a missing record, wrapped or not, at DEBUG like the engine's own {@code BadUserRequestException}. */
  static final class RefusalAwareCommandContext extends CommandContext {

    RefusalAwareCommandContext(ProcessEngineConfigurationImpl configuration) {
      super(configuration);
    }

    @Override
    protected boolean shouldLogFine(Throwable exception) {
      return super.shouldLogFine(exception) || refusal(exception) != null || missingRecord(exception) != null
          || exception instanceof MismatchingMessageCorrelationException || exception instanceof ParseException;
    }
  }
}
