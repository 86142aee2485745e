// Replaces the webjar's default config.js, which configures nothing.
export default {
  app: {
    name: '监控中心',
    vendor: '县委巡察工作平台'
  },
  // One login page for everything: Camunda's login form hands over to ours (static/js/xuncha-session.js);
  // the decision table and the diagram's zoom buttons in Chinese (static/js/xuncha-zh.js); instances
  // named by round and unit, diagrams opened at a readable zoom (static/js/xuncha-cockpit.js).
  customScripts: ['../../../js/xuncha-session', '../../../js/xuncha-zh', '../../../js/xuncha-cockpit'],
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  }
};
