// Replaces the webjar's default config.js; the shortcuts are the default file's, described in Chinese for the help dialog.
export default {
  app: {
    name: '任务列表',
    vendor: '县委巡察工作平台'
  },
  // One login page for everything: Camunda's login form hands over to ours (static/js/xuncha-session.js);
  // the diagram's zoom buttons in Chinese (static/js/xuncha-zh.js);
  // Chinese messages, dates and list behaviour for Camunda Forms (scripts/camunda-forms-zh.js);
  // the landing filter and the start actions each user may use (scripts/xuncha-tasklist.js).
  customScripts: ['../../../js/xuncha-session', '../../../js/xuncha-zh', 'scripts/camunda-forms-zh', 'scripts/xuncha-tasklist'],
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '将焦点移到列表中的第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '将焦点移到列表中的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '将焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“启动流程”对话框'
    }
  }
};
