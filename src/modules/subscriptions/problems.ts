import { defineProblems } from '../../platform/i18n/problems.js';

/** R-PERM-2 (Subscriptions Manager): assigning, reassigning and removing subscriptions. */
export const SUBSCRIPTIONS_PROBLEMS = defineProblems({
  SUBSCRIPTION_OBLIGATION_NOT_ACKNOWLEDGED: {
    en: 'Confirm that you understand the purchase obligation: it takes effect when you assign the subscription, whether or not the person uses it.',
    sv: 'Bekräfta att du förstår köpförpliktelsen: den gäller från det att du tilldelar prenumerationen, oavsett om personen använder den.',
  },
  SUBSCRIPTION_NOT_PURCHASED: {
    en: 'No subscriptions of this product are purchased on this Licensing ID.',
    sv: 'Inga prenumerationer av den här produkten är köpta på det här licens-ID:t.',
  },
  SUBSCRIPTIONS_NONE_REMAINING: {
    en: 'Every purchased subscription of this product is assigned; nothing was assigned. Remove or reassign one, or buy more.',
    sv: 'Alla köpta prenumerationer av den här produkten är tilldelade; inget tilldelades. Ta bort eller tilldela om en, eller köp fler.',
  },
  SUBSCRIPTION_ALREADY_ASSIGNED: {
    en: 'This person already has a subscription of this product.',
    sv: 'Den här personen har redan en prenumeration av den här produkten.',
  },
});
