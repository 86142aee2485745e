// Replaces the webjar's default config.js, which configures nothing.
export default {
  app: {
    name: '欢迎页',
    vendor: '县委巡察工作平台'
  },
  // One login page for everything: Camunda's login form hands over to ours (static/js/xuncha-session.js).
  customScripts: ['../../../js/xuncha-session'],
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  }
};
