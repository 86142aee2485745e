// Loaded by config.js (customScripts) before Tasklist renders any Camunda Form. Tasklist 7.24 bundles
// form-js 1.8 inside lib/deps.js and offers no hook into it, so this script reaches the bundled
// modules through webpack's chunk registry and adjusts these things for every form:
//
// 1. Errors. form-js stores a field's errors under [fieldId, ...repetition indexes] and, when the
//    field becomes valid, deletes only the innermost entry: a field inside a dynamic list leaves
//    `{ Field_x: [] }` behind. Tasklist disables 完成 while `Object.keys(errors).length` is not 0
//    (camunda-forms integration, `changed` listener), so one edit in a dynamic list kept the button
//    disabled for good. Errors are pruned to entries that hold a message.
// 2. Messages. form-js' validation messages are English literals; they are translated here.
// 3. Collapsed items. form-js submits only the fields it has rendered (`_getSubmitData` walks the
//    field instances), and a dynamic list renders no field of the items folded behind “展开全部”:
//    the sample plan of seven teams was submitted with its first three. Nor does it submit an
//    item's values that no field shows: the rectification ledger lost the problem each row answers.
//    Lists are submitted whole, each item with all its values.
// 4. Stale refusals. Tasklist keeps a refusal on screen until it is closed by hand, so after the
//    corrected form was accepted the old refusal still said the task failed. Each submission
//    closes the refusals of the previous one.
// 5. Dates. The date picker shows the browser's order (US in most installations) and English
//    month names; it shows and reads 年-月-日 with Chinese month and week-day names instead.
// 6. Refused submissions. When a field is invalid at 完成 (a required field left empty further down
//    the form), Tasklist's camunda-forms integration throws form-js' errors object, and Tasklist
//    shows its `message`, which that object has not: the banner read “提交任务表单时出错” alone. The
//    errors object gets a message naming each field, inside its list item where it is one (“巡察组第 1
//    项的组长（必填）”), as a property Tasklist reads but `Object.keys` does not count; the first
//    such field is scrolled into view.
// 7. Selects that do not reopen. The Preact bundled with form-js renders a component that a context
//    change forces (every field, when the form's data changes) with its pending hook state but does
//    not commit that state (fixed in Preact 10.13, preactjs/preact#3922). After a choice the select's
//    `isDropdownExpanded` stayed `true` underneath its rendered `false`, and the next click, setting
//    it to `true`, looked like no change: the list stayed shut until a second click. Pending hook
//    state is committed once a component has rendered with it.
//
// Everything else form-js writes in English (buttons, placeholders) is replaced in the page.

const FORM_JS_MARK = 't.createForm=function';
const FLATPICKR_MARK = 'flatpickr: invalid locale';
const PREACT_MARK = 'options:function(){return';
const STALE_REFUSAL_CLOSE = '.page-notifications .alert-danger button.close[ng-click^="removeNotification"]';

const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must match pattern (.*)\.$/, () => '格式不正确。'],
  [/^Field must have minimum value of (.*)\.$/, (m) => `不能小于 ${m[1]}。`],
  [/^Field must have maximum value of (.*)\.$/, (m) => `不能大于 ${m[1]}。`],
  [/^Field must have minimum length of (.*)\.$/, (m) => `至少 ${m[1]} 个字。`],
  [/^Field must have maximum length of (.*)\.$/, (m) => `最多 ${m[1]} 个字。`],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱地址。'],
  [/^Field must be a valid +international phone number.*$/, () => '请填写有效的电话号码。'],
  [/^Value is not a number\.$/, () => '请填写数字。'],
  [/^Value is expected to be an integer\.$/, () => '请填写整数。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (m) => `最多 ${m[1]} 位小数。`],
  [/^Please select a valid value, the two nearest valid values are (.*) and (.*)\.$/, (m) => `请填写有效的值，最接近的是 ${m[1]} 和 ${m[2]}。`],
  [/^Date and time must both be entered\.$/, () => '日期和时间都须填写。']
];

const TEXTS = new Map([
  ['Add new', '添加一项'],
  ['Collapse', '收起'],
  ['Select', '请选择'],
  ['Search', '搜索'],
  ['No results', '没有匹配项'],
  ['All values selected', '已全部选择'],
  ['Nothing to show.', '暂无内容'],
  ['No content to show.', '暂无内容'],
  ['Remove tag', '移除'],
  ['Next page', '下一页'],
  ['Previous page', '上一页'],
  ['yyyy-mm-dd', '年-月-日'],
  ['mm/dd/yyyy', '年-月-日'],
  ['hh:mm', '时:分'],
  ['Powered by bpmn.io', '表单引擎 bpmn.io'],
  ['Increment', '加一'],
  ['Decrement', '减一']
]);
const REQUIRED = '此项为必填项。';
const EXPAND_ALL = /^Expand all \((\d+)\)$/;
const REMOVE_ITEM = /^Remove list item (\d+)$/;

const ZH_DATES = {
  weekdays: {
    shorthand: ['日', '一', '二', '三', '四', '五', '六'],
    longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
  },
  months: {
    shorthand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' 至 ',
  weekAbbreviation: '周',
  scrollTitle: '滚动切换',
  toggleTitle: '点击切换 12/24 小时制',
  yearAriaLabel: '年',
  monthAriaLabel: '月',
  hourAriaLabel: '时',
  minuteAriaLabel: '分',
  time_24hr: true
};

function webpackRequire() {
  let require;
  const chunks = (self.webpackChunkcamunda_bpm_webapp = self.webpackChunkcamunda_bpm_webapp || []);
  chunks.push([['xuncha-camunda-forms-zh'], {}, (r) => { require = r; }]);
  return require;
}

/**
 * The bundled modules whose source holds each mark (null for a mark no module holds), found in one
 * pass: every module's source is read once, before Tasklist starts.
 */
function findModules(require, marks) {
  const found = marks.map(() => null);
  for (const id of Object.keys(require.m)) {
    const source = require.m[id].toString();
    marks.forEach((mark, index) => {
      if (found[index] === null && source.includes(mark)) {
        found[index] = id;
      }
    });
    if (found.every((module) => module !== null)) {
      break;
    }
  }
  return found.map((id) => (id === null ? null : require(id)));
}

function translateMessage(message) {
  if (typeof message !== 'string') {
    return message;
  }
  for (const [pattern, chinese] of MESSAGES) {
    const match = message.match(pattern);
    if (match) {
      return chinese(match);
    }
  }
  return message;
}

/** The errors that hold a message, translated; undefined when none is left. */
function realErrors(entry) {
  if (entry === null || entry === undefined) {
    return undefined;
  }
  if (Array.isArray(entry)) {
    if (entry.every((item) => typeof item === 'string')) {
      return entry.length ? entry.map(translateMessage) : undefined;
    }
    const kept = entry.map(realErrors);
    return kept.some((item) => item !== undefined) ? kept : undefined;
  }
  if (typeof entry === 'object') {
    const kept = {};
    Object.entries(entry).forEach(([key, value]) => {
      const real = realErrors(value);
      if (real !== undefined) {
        kept[key] = real;
      }
    });
    return Object.keys(kept).length ? kept : undefined;
  }
  return translateMessage(entry);
}

function valueAt(object, path) {
  return path.reduce((value, key) => (value === null || value === undefined ? undefined : value[key]), object);
}

function setValueAt(object, path, value) {
  const parent = path.slice(0, -1).reduce((node, key) => (node[key] = node[key] || {}), object);
  parent[path[path.length - 1]] = value;
}

/** [indexes of the list items, messages] of each place an error entry holds messages at. */
function errorPlaces(entry, indexes = []) {
  if (!Array.isArray(entry)) {
    return entry === undefined || entry === null ? [] : [[indexes, [entry]]];
  }
  if (entry.every((item) => typeof item === 'string')) {
    return entry.length ? [[indexes, entry]] : [];
  }
  return entry.flatMap((item, index) => errorPlaces(item, [...indexes, index]));
}

function fieldLabel(field) {
  return (field && (field.label || field.dateLabel || field.timeLabel || field.key)) || '';
}

/**
 * “以下各项未填写或不正确，请修改后再提交：届次（必填）、巡察组第 1 项的组长（必填）”: each invalid field
 * by its label, within the dynamic lists it lies in, with what is wrong.
 */
function errorSummary(form, errors) {
  const registry = form.get('formFieldRegistry');
  const parts = [];
  Object.entries(errors).forEach(([fieldId, entry]) => {
    const field = registry.get(fieldId);
    const lists = [];
    for (let parent = field && registry.get(field._parent); parent; parent = registry.get(parent._parent)) {
      if (parent.isRepeating) {
        lists.unshift(parent);
      }
    }
    errorPlaces(entry).forEach(([indexes, messages]) => {
      const where = lists.map((list, depth) => (indexes[depth] === undefined ? '' : `${fieldLabel(list)}第 ${indexes[depth] + 1} 项的`)).join('');
      const what = messages.map((message) => (message === REQUIRED ? '必填' : String(message).replace(/。$/, ''))).join('，');
      parts.push(`${where}${fieldLabel(field) || fieldId}（${what}）`);
    });
  });
  return `以下各项未填写或不正确，请修改后再提交：${parts.join('、')}`;
}

function patchForms(formJs) {
  const setState = formJs.Form.prototype._setState;
  formJs.Form.prototype._setState = function (state) {
    if (state && state.errors) {
      state = { ...state, errors: realErrors(state.errors) || {} };
    }
    return setState.call(this, state);
  };
  const getSubmitData = formJs.Form.prototype._getSubmitData;
  formJs.Form.prototype._getSubmitData = function () {
    const submitData = getSubmitData.call(this);
    const { data } = this._getState();
    const pathRegistry = this.get('pathRegistry');
    this.get('formFieldRegistry').getAll().filter((field) => field.isRepeating && !field.disabled).forEach((field) => {
      const path = pathRegistry.getValuePath(field);
      const items = valueAt(data, path);
      if (Array.isArray(items)) {
        const rendered = valueAt(submitData, path) || [];
        // an item keeps the values no field shows (the id of the problem a ledger row answers)
        setValueAt(submitData, path, items.map((item, index) => ({ ...item, ...rendered[index] })));
      }
    });
    return submitData;
  };
  const submit = formJs.Form.prototype.submit;
  formJs.Form.prototype.submit = function () {
    document.querySelectorAll(STALE_REFUSAL_CLOSE).forEach((button) => button.click());
    const result = submit.call(this);
    if (result && result.errors && Object.keys(result.errors).length) {
      Object.defineProperty(result.errors, 'message', { value: errorSummary(this, result.errors), enumerable: false });
      setTimeout(() => {
        const first = document.querySelector('.fjs-form .fjs-has-errors');
        if (first) {
          first.scrollIntoView({ block: 'center' });
        }
      });
    }
    return result;
  };
  const validate = formJs.Form.prototype.validate;
  formJs.Form.prototype.validate = function () {
    validate.call(this);
    return this._getState().errors;
  };
}

/**
 * Commits the hook state a component rendered with. Preact's hooks keep a state update pending
 * (`__N`, mangled `_nextValue`) until `shouldComponentUpdate` commits it (`__`, `_value`); a forced
 * render skips that method, renders the pending value and leaves it pending.
 */
function patchPreactHooks(preact) {
  const diffed = preact.options.diffed;
  preact.options.diffed = (vnode) => {
    if (diffed) {
      diffed(vnode);
    }
    const hooks = vnode.__c && vnode.__c.__H;
    if (hooks) {
      hooks.__.forEach((hook) => {
        if (hook.__N) {
          hook.__ = hook.__N;
          hook.__N = undefined;
        }
      });
    }
  };
}

function patchDatePicker(flatpickr) {
  flatpickr.localize(ZH_DATES);
  // form-js derives the picker's format from `new Intl.DateTimeFormat('default')`, the browser's
  // locale (US order in most installations). Swedish writes dates year-month-day with two-digit
  // months and days, the 年-月-日 order offices type, so form-js' 'default' asks for that.
  const NativeDateTimeFormat = Intl.DateTimeFormat;
  const DateTimeFormat = function (locales, options) {
    return new NativeDateTimeFormat(locales === 'default' ? 'sv-SE' : locales, options);
  };
  DateTimeFormat.prototype = NativeDateTimeFormat.prototype;
  DateTimeFormat.supportedLocalesOf = NativeDateTimeFormat.supportedLocalesOf;
  Intl.DateTimeFormat = DateTimeFormat;
}

const ATTRIBUTES = ['placeholder', 'aria-label', 'title'];

function chineseText(text) {
  const expand = text.match(EXPAND_ALL);
  const remove = text.match(REMOVE_ITEM);
  return TEXTS.get(text) || (expand && `展开全部（${expand[1]}）`) || (remove && `删除第 ${remove[1]} 项`);
}

function translateText(node) {
  const text = node.nodeValue.trim();
  const chinese = text && chineseText(text);
  if (chinese) {
    node.nodeValue = node.nodeValue.replace(text, chinese);
  }
}

function translateAttributes(element) {
  ATTRIBUTES.forEach((attribute) => {
    const value = element.getAttribute(attribute);
    const chinese = value && chineseText(value);
    if (chinese) {
      element.setAttribute(attribute, chinese);
    }
  });
}

function translateNode(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    translateText(node);
  } else if (node.nodeType === Node.ELEMENT_NODE) {
    translateAttributes(node);
    node.querySelectorAll('[placeholder], [aria-label], [title]').forEach(translateAttributes);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      translateText(text);
    }
  }
}

function translatePage() {
  translateNode(document.body);
  new MutationObserver((mutations) => mutations.forEach((mutation) => {
    if (mutation.type === 'childList') {
      mutation.addedNodes.forEach(translateNode);
    } else {
      translateNode(mutation.target);
    }
  })).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ATTRIBUTES });
}

const require = webpackRequire();
const [formJs, flatpickr, preact] = require ? findModules(require, [FORM_JS_MARK, FLATPICKR_MARK, PREACT_MARK]) : [];
if (formJs && formJs.Form) {
  patchForms(formJs);
} else {
  console.error('xuncha: form-js not found in lib/deps.js; Camunda Forms keep their English messages');
}
if (preact && preact.options) {
  patchPreactHooks(preact);
} else {
  console.error('xuncha: Preact not found in lib/deps.js; a select may need a second click to reopen');
}
if (typeof flatpickr === 'function') {
  patchDatePicker(flatpickr);
}
translatePage();
