import { defineProblems } from '../../../platform/i18n/problems.js';

/** R-BC-4: the order history. */
export const ORDER_HISTORY_PROBLEMS = defineProblems({
  ORDER_HISTORY_CURSOR_INVALID: {
    en: 'This page of the order history no longer exists. Start again from the first page.',
    sv: 'Den här sidan av orderhistoriken finns inte längre. Börja om från första sidan.',
  },
});
