import { describe, expect, it } from 'vitest';
import { axeInEnglishAndSwedish, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Support requests in Chromium (R-SUP-1, R-SUP-2)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });
  const { signedIn } = portal;

  it('R-SUP-1 / R-SUP-2: a customer sends an imaging request with the verification and a file → it is in the publisher’s queue → the operator answers with a file → the answer and its file reach the requester by mail and in their list → the requester replies with a file; closing asks first', async () => {
    const page = await signedIn('admin@contoso.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Support', exact: true }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Support requests');
    await page.getByRole('heading', { name: 'No support requests yet' }).waitFor();
    await axeInEnglishAndSwedish(page);

    await page.getByRole('link', { name: 'Contact support' }).first().click();
    await expect.poll(() => h1(page).textContent()).toBe('Contact support');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('alert').filter({ hasText: 'need your attention' }).waitFor();

    // R-SUP-2: the imaging topic asks for the written verification and the machines' count.
    await page.getByLabel('Topic').selectOption('WINDOWS_UPGRADE_IMAGING');
    const licensing = page.getByLabel('Licensing ID');
    const option = licensing.locator('option').filter({ hasText: '67012345' });
    await licensing.selectOption((await option.getAttribute('value')) ?? '');
    await page.getByLabel('Subject').fill('Imaging 40 laptops at our LSP');
    await page.getByLabel('Description').fill('Our solution provider images 40 new laptops with Windows Enterprise next week.');
    await page.getByLabel('Number of machines').fill('40');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'machines.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('serial,model\nSN-001,Contoso Book 14\n'),
    });
    await page.getByText('machines.csv').first().waitFor();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Imaging requests need this verification.').waitFor();
    await axeInEnglishAndSwedish(page);
    await page.getByLabel('I verify that each machine to be imaged has a qualifying Windows operating system base license.').check();
    await page.getByRole('button', { name: 'Send request' }).click();

    await page.waitForURL((url) => url.pathname.startsWith('/support/requests/'));
    await page.getByText('Your request was sent to support.').waitFor();
    await page.getByText(/Base licenses verified by admin@contoso\.example on .* for 40 machines\./).waitFor();
    await page.getByRole('link', { name: 'machines.csv' }).waitFor();
    await axeInEnglishAndSwedish(page);
    const requestId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(await portal.newestMail('admin@contoso.example', 'supportRequestReceived')).toContain('within 24 hours');

    // The publisher's queue: the request with its due time, opened, answered.
    const operator = await signedIn('operator@northwind.example');
    await operator.getByRole('navigation').getByRole('link', { name: 'Support queue' }).click();
    await expect.poll(() => h1(operator).textContent()).toBe('Support queue');
    const row = operator.locator(`tr[data-request-id="${requestId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Contoso Ltd');
    expect(await row.textContent()).toContain('67012345');
    expect(await row.getAttribute('data-request-status')).toBe('NEW');
    await axeInEnglishAndSwedish(operator);
    await row.getByRole('link', { name: 'Imaging 40 laptops at our LSP' }).click();
    await operator.getByText(/^Answer due by /).waitFor();
    await operator.getByText(/for 40 machines/).waitFor();
    await operator
      .getByLabel('Answer to the requester')
      .fill('Approved: your LSP may image the 40 laptops. Please send the serial list when done.');
    await operator.getByLabel('The answer asks the requester for something (status: Waiting for customer)').check();
    // The answer carries a file of its own.
    await operator.locator('input[type="file"]').setInputFiles({
      name: 'serial-template.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('serial\n'),
    });
    await operator.getByText('serial-template.csv').first().waitFor();
    await axeInEnglishAndSwedish(operator);
    await operator.getByRole('button', { name: 'Send answer' }).click();
    await operator.getByText('No answer is due: the requester has been answered.').waitFor();
    await operator
      .getByRole('article', { name: /^Support \(/ })
      .getByRole('link', { name: 'serial-template.csv' })
      .waitFor();

    // The answer reaches the requester by mail, with a link, and in their list.
    const mail = await portal.newestMail('admin@contoso.example', 'supportRequestAnswered');
    expect(mail).toContain('Approved: your LSP may image the 40 laptops.');
    expect(mail).toContain(`/support/requests/${requestId}`);
    await page.goto('/support');
    const mine = page.locator(`tr[data-request-id="${requestId}"]`);
    await mine.waitFor();
    expect(await mine.getAttribute('data-request-status')).toBe('WAITING_FOR_CUSTOMER');
    expect(await mine.textContent()).toContain('Waiting for customer');
    await mine.getByRole('link', { name: 'Imaging 40 laptops at our LSP' }).click();
    const answer = page.getByRole('article', { name: /^Support, / });
    await answer.getByText('Approved: your LSP may image the 40 laptops.').waitFor();
    await answer.getByRole('link', { name: 'serial-template.csv' }).waitFor();
    expect(mail).toContain('Attachments: serial-template.csv');

    // The requester's reply carries a file too; the publisher's mail names it.
    await page.getByLabel('Your reply').fill('Here is the serial list.');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'serials.txt', mimeType: 'text/plain', buffer: Buffer.from('SN-001\n') });
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page
      .getByRole('article', { name: /^You, / })
      .getByRole('link', { name: 'serials.txt' })
      .waitFor();
    await expectNoAxeViolations(page);
    expect(await portal.newestMail('support@lsc.localhost', 'supportQueueCustomerReply')).toContain('Attachments: serials.txt');

    // The requester closes it, after confirming.
    await page.getByRole('button', { name: 'Close request…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close the request?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Close request' }).click();
    await page.getByText(/This request was closed on/).waitFor();
    expect(await portal.newestMail('support@lsc.localhost', 'supportQueueClosedByRequester')).toContain('Imaging 40 laptops at our LSP');
  }, 240_000);

  it('R-SUP-1: a general question in Swedish; a non-operator gets the translated no-access state for the queue', async () => {
    const page = await signedIn('viewer@contoso.example', 'sv-SE');
    await page.goto('/support/new');
    await expect.poll(() => h1(page).textContent()).toBe('Kontakta supporten');
    await page.getByLabel('Område').selectOption('OTHER');
    await page.getByLabel('Ämne').fill('Fråga om fakturor');
    await page.getByLabel('Beskrivning').fill('Var hittar vi fakturorna för vårt avtal?');
    await page.getByRole('button', { name: 'Skicka begäran' }).click();
    await page.getByText('Din begäran har skickats till supporten.').waitFor();
    await page.getByText('Allmän fråga').waitFor();
    expect(await portal.newestMail('viewer@contoso.example', 'supportRequestReceived')).toContain('inom 24 timmar');
    await page.goto('/support/queue');
    await page.getByRole('heading', { name: 'Endast för utgivarens operatörer' }).waitFor();
    await axeInEnglishAndSwedish(page);
  }, 120_000);

  it('R-SUP-1: "contact support" in the portal links to the contact form', async () => {
    const page = await signedIn('admin@contoso.example');
    await page.goto('/organization');
    await h1(page).waitFor();
    await page.locator('[data-contact-support]').click();
    await page.waitForURL((url) => url.pathname === '/support/new');
    expect(new URL(page.url()).searchParams.get('topic')).toBe('SIGN_IN');
    expect(await page.getByLabel('Topic').inputValue()).toBe('SIGN_IN');
  }, 60_000);
});
