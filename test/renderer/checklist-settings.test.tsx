// @vitest-environment jsdom
// The checklist's settings with the keyboard and the mouse, over the REAL checklist service (an
// encrypted store in a temp folder): change the passphrase (a wrong current one is refused and
// changes nothing), make an encrypted backup, restore it, and delete the checklist with the typed
// confirmation, then start a new one.
import '@testing-library/jest-dom/vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { unlockStore } from '../../shared/node/checklist/store.js';
import { tempDir } from '../checklist/helpers.js';
import { createFakeApi, removeFakeApiDirs } from './fake-api.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
afterAll(removeFakeApiDirs);

const PASS = 'copper kettle winter orchard';
const NEXT = 'seven quiet lanterns humming';

describe('the checklist settings', { timeout: 180_000 }, () => {
  it('changes the passphrase, backs up and restores, and deletes the checklist for good', async () => {
    const backupDir = tempDir();
    const backup = path.join(backupDir, 'my-checklist.ecbackup');
    // The file dialogs' answers, in order: where to save the backup, then which backup to restore.
    const api = createFakeApi({ reports: [], checklistDialogs: [backup, backup] });
    const storeDir = path.join(api.outDir, 'checklist');
    const { user } = renderApp(api);
    await user.click(screen.getByRole('button', { name: /My exposure checklist/ }));
    await user.type(await screen.findByLabelText('Choose a passphrase'), PASS);
    await user.type(screen.getByLabelText('Type it again'), `${PASS}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'My items' }));
    await user.type(screen.getByLabelText('What it says'), '4187 Quillfeather Lane');
    await user.click(screen.getByRole('button', { name: 'Add to my checklist' }));
    await screen.findByText('4187 Quillfeather Lane');
    await user.click(screen.getByRole('button', { name: 'Settings and backups' }));

    // A wrong current passphrase: refused, the key file untouched.
    const keyFile = () => readFileSync(path.join(storeDir, 'checklist-key.json'));
    const keyBefore = keyFile();
    await user.type(screen.getByLabelText('Current passphrase'), 'not the passphrase');
    await user.type(screen.getByLabelText('New passphrase'), NEXT);
    await user.type(screen.getByLabelText('New passphrase again'), NEXT);
    await user.click(screen.getByRole('button', { name: 'Change the passphrase' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong passphrase');
    expect(keyFile()).toEqual(keyBefore);
    await user.clear(screen.getByLabelText('Current passphrase'));
    await user.type(screen.getByLabelText('Current passphrase'), PASS);
    await user.click(screen.getByRole('button', { name: 'Change the passphrase' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Passphrase changed.');
    expect(screen.getByLabelText('Current passphrase')).toHaveValue('');
    await expect(unlockStore(storeDir, PASS)).rejects.toMatchObject({ message: 'Wrong passphrase' });
    (await unlockStore(storeDir, NEXT)).close();

    // A backup, locked with the (new) passphrase, holding nothing readable.
    await user.type(screen.getByLabelText('Your passphrase'), NEXT);
    await user.click(screen.getByRole('button', { name: 'Save a backup…' }));
    expect(await screen.findByRole('status')).toHaveTextContent(`Encrypted backup saved: ${backup}`);
    expect(readFileSync(backup).includes('Quillfeather')).toBe(false);

    // Something added after the backup is gone once the backup is restored.
    await user.click(screen.getByRole('button', { name: 'My items' }));
    await user.type(screen.getByLabelText('What it says'), 'added after the backup');
    await user.click(screen.getByRole('button', { name: 'Add to my checklist' }));
    await screen.findByText('added after the backup');
    await user.click(screen.getByRole('button', { name: 'Settings and backups' }));
    await user.type(screen.getByLabelText('The backup’s passphrase'), NEXT);
    await user.click(screen.getByRole('button', { name: 'Choose a backup and restore it…' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The backup was restored.');
    await user.click(screen.getByRole('button', { name: 'My items' }));
    expect(await screen.findByText('4187 Quillfeather Lane')).toBeInTheDocument();
    expect(screen.queryByText('added after the backup')).not.toBeInTheDocument();

    // Deleting needs the phrase typed out; then nothing of the checklist is left on disk.
    await user.click(screen.getByRole('button', { name: 'Settings and backups' }));
    const del = screen.getByRole('button', { name: 'Delete my checklist' });
    await user.type(screen.getByLabelText(/To confirm, type/), 'delete my check');
    expect(del).toBeDisabled();
    await user.type(screen.getByLabelText(/To confirm, type/), 'list');
    await user.click(del);
    expect(await screen.findByRole('heading', { name: 'Make your exposure checklist' })).toBeInTheDocument();
    await waitFor(() => expect(readdirSync(storeDir)).toEqual([]));
    expect(readFileSync(backup).length).toBeGreaterThan(0); // backups elsewhere are not touched
  });
});
