// @vitest-environment jsdom
// The checklist screens with the keyboard and the mouse, over the REAL checklist service (an
// encrypted store in a temp folder): create with the strength hint and the no-recovery warning,
// add an item, record a relisting in one click, wrong passphrase, and contents gone on lock.
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { passphraseStrength } from '../../renderer/components/checklist/strength.js';
import { createFakeApi, removeFakeApiDirs } from './fake-api.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
afterAll(removeFakeApiDirs);

const PASS = 'copper kettle winter orchard';

async function openChecklist(api = createFakeApi({ reports: [] })) {
  const r = renderApp(api);
  await r.user.click(screen.getByRole('button', { name: /My exposure checklist/ }));
  return { api, ...r };
}

describe('the passphrase strength hint', () => {
  it('is honest about length, common passwords and several words', () => {
    expect(passphraseStrength('short').level).toBe('too-short');
    expect(passphraseStrength('password123').level).toBe('weak');
    expect(passphraseStrength('aaaaaaaaaaaa').level).toBe('weak');
    expect(passphraseStrength('Tr0ub4dor&3x').level).toBe('fair');
    expect(passphraseStrength('purple elephant').level).toBe('weak');
    expect(passphraseStrength(PASS).level).toBe('strong');
  });
});

describe('My exposure checklist', { timeout: 120_000 }, () => {
  it('creates a checklist with the keyboard, warning that a lost passphrase cannot be recovered', async () => {
    const { user, api } = await openChecklist();
    await screen.findByRole('heading', { name: 'Make your exposure checklist' });
    expect(screen.getByRole('note')).toHaveTextContent('nobody can open the checklist');
    const create = screen.getByRole('button', { name: 'Create my checklist' });
    await user.keyboard('short');
    expect(screen.getByText(/Too short/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Choose a passphrase'));
    await user.type(screen.getByLabelText('Choose a passphrase'), PASS);
    expect(screen.getByText('Strong.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Type it again'), `${PASS}x`);
    expect(screen.getByText('The two passphrases are not the same yet.')).toBeInTheDocument();
    expect(create).toBeDisabled();
    await user.type(screen.getByLabelText('Type it again'), '{Backspace}{Enter}');
    await screen.findByRole('heading', { name: 'My exposure checklist' });
    expect(screen.getByText('unlocked')).toBeInTheDocument();
    expect(api.calls.filter((c) => c.name === 'checklistCreate')).toHaveLength(1);
    // Nothing was remembered on a computer without a keyring, and the option was not offered.
    expect(screen.queryByText(/Remember on this computer/)).not.toBeInTheDocument();
  });

  it('adds an address, records a removal and then a relisting in one click each, and shows them on the overview', async () => {
    const { user, api } = await openChecklist();
    await user.type(await screen.findByLabelText('Choose a passphrase'), PASS);
    await user.type(screen.getByLabelText('Type it again'), `${PASS}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'My items' }));
    await user.selectOptions(screen.getByLabelText('What is it?'), 'Home and past addresses');
    await user.type(screen.getByLabelText('What it says'), '4187 Quillfeather Lane, Springfield');
    await user.type(screen.getByLabelText('A name for it (optional)'), 'Home');
    await user.click(screen.getByRole('button', { name: 'Add to my checklist' }));
    const card = (await screen.findByRole('heading', { name: '4187 Quillfeather Lane, Springfield (Home)' })).closest('li')!;
    expect(within(card).getByText('Not checked yet')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Removed' }));
    await waitFor(() => expect(within(card).getByText('Removed', { selector: '.status-chip' })).toBeInTheDocument());
    await user.click(within(card).getByRole('button', { name: 'Back online again' }));
    await waitFor(() => expect(within(card).getByText('Back online again', { selector: '.status-chip' })).toBeInTheDocument());
    expect(screen.getByRole('status')).toHaveTextContent('Recorded: Back online again');

    await user.click(screen.getByRole('button', { name: 'Overview' }));
    expect(await screen.findByRole('heading', { name: 'Back online after a removal' })).toBeInTheDocument();
    expect(screen.getAllByText('still out there')[0]!.closest('p')).toHaveTextContent('1 still out there');
    const svc = await api.checklist();
    const history = await svc.checklistHistory({ id: (await svc.checklistOverview({})).items[0]!.id });
    expect(history.map((h) => h.status)).toEqual(['not-checked', 'removed', 'reappeared']);
  });

  it('says "Wrong passphrase" and forgets everything on screen when the checklist locks itself', async () => {
    const { user, api } = await openChecklist();
    await user.type(await screen.findByLabelText('Choose a passphrase'), PASS);
    await user.type(screen.getByLabelText('Type it again'), `${PASS}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'My items' }));
    await user.type(screen.getByLabelText('What it says'), '12 Oak Street');
    await user.click(screen.getByRole('button', { name: 'Add to my checklist' }));
    expect(await screen.findByText('12 Oak Street')).toBeInTheDocument();

    // The computer goes to sleep: main locks the checklist and tells the window.
    await act(async () => (await api.checklist()).lock('system'));
    expect(await screen.findByRole('heading', { name: 'Your exposure checklist is locked' })).toBeInTheDocument();
    expect(screen.getByText(/locked itself because the computer was locked or went to sleep/)).toBeInTheDocument();
    expect(screen.queryByText('12 Oak Street')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Passphrase'), 'not the passphrase{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong passphrase');
    await user.type(screen.getByLabelText('Passphrase'), `${PASS}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'My items' }));
    expect(await screen.findByText('12 Oak Street')).toBeInTheDocument();
  });
});
