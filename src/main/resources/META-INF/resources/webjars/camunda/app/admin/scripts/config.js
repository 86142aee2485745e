// Replaces the webjar's default config.js, which configures nothing.
export default {
  app: {
    name: '系统管理',
    vendor: '县委巡察工作平台'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  }
};
