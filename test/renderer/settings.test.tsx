// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, removeFakeApiDirs } from './fake-api.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
afterAll(removeFakeApiDirs);

describe('settings', () => {
  it('opens from the top bar with the saved settings, and Escape closes it and returns focus', async () => {
    const api = createFakeApi({ reports: [], settings: { suffix: '.safe', visual: false } });
    const { user } = renderApp(api);
    const opener = screen.getByRole('button', { name: 'Settings' });
    await user.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await waitFor(() => expect(screen.getByLabelText('Added to the name of each safe copy')).toHaveValue('.safe'));
    expect(screen.getByRole('checkbox', { name: 'Check what is in the picture (slower)' })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: 'Next to the original photo' })).toBeChecked();
    // The choice is explained: why a folder of their own is the recommended one.
    expect(screen.getByRole('radio', { name: 'In a folder of their own (recommended)' })).toHaveAccessibleDescription(/cannot pick an original by mistake/);
    expect(screen.getByRole('radio', { name: 'Next to the original photo' })).toHaveAccessibleDescription(/side by side in the upload picker/);
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
    expect(api.calls.some((c) => c.name === 'setSettings')).toBe(false);
  });

  it('saves a chosen output folder, a new suffix and the visual check', async () => {
    const api = createFakeApi({ reports: [], chosenOutputDir: '/home/me/Safe copies' });
    const { user } = renderApp(api);
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.click(screen.getByRole('button', { name: 'Choose folder…' }));
    expect(await screen.findByText('/home/me/Safe copies')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'In a folder of their own (recommended)' })).toBeChecked();
    const suffix = screen.getByLabelText('Added to the name of each safe copy');
    await user.clear(suffix);
    await user.type(suffix, '-private');
    expect(screen.getByText('For example: holiday-private.jpg')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Check what is in the picture (slower)' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.calls.find((c) => c.name === 'setSettings')?.input).toEqual({ outputDir: '/home/me/Safe copies', suffix: '-private', visual: false });
  });

  it('refuses a suffix that could break a file name and says why', async () => {
    const api = createFakeApi({ reports: [] });
    const { user } = renderApp(api);
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const suffix = screen.getByLabelText('Added to the name of each safe copy');
    await user.clear(suffix);
    await user.type(suffix, '../evil');
    expect(suffix).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Use letters, numbers, dots, dashes or spaces/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  });

  it('asks for a folder before saving "In a folder I choose"', async () => {
    const api = createFakeApi({ reports: [] });
    const { user } = renderApp(api);
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.click(screen.getByRole('radio', { name: 'In a folder of their own (recommended)' }));
    expect(screen.getByText('Choose a folder, or save next to the original.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  });
});
