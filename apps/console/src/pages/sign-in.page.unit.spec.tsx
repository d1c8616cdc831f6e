import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Session } from '../auth/session';
import { LanguageProvider } from '../i18n/i18n';
import { SignInPage } from './sign-in.page';

function renderPicker(onSignedIn: (session: Session) => void) {
  render(
    <LanguageProvider initial="nl">
      <SignInPage config={{ kind: 'development' }} onSignedIn={onSignedIn} onOidcSignIn={() => undefined} />
    </LanguageProvider>,
  );
}

describe('the development sign-in picker', () => {
  it('says what is missing at the fields and signs nobody in', () => {
    const signedIn = jest.fn();
    renderPicker(signedIn);
    fireEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));

    expect(screen.getByText(/Vul een naam in/)).toBeTruthy();
    expect(screen.getByText('Kies ten minste één rol.')).toBeTruthy();
    expect(screen.getByLabelText(/^Naam/).getAttribute('aria-invalid')).toBe('true');
    expect(signedIn).not.toHaveBeenCalled();
  });

  it('opens a session for the name and the roles chosen, acting in the first', async () => {
    const signedIn = jest.fn<void, [Session]>();
    renderPicker(signedIn);
    fireEvent.change(screen.getByLabelText(/^Naam/), { target: { value: 'd.jansen' } });
    fireEvent.click(screen.getByLabelText('Senior beoordelaar'));
    fireEvent.click(screen.getByLabelText('Toezicht'));
    fireEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));

    await waitFor(() => expect(signedIn).toHaveBeenCalledTimes(1));
    expect(signedIn.mock.calls[0]?.[0]).toMatchObject({
      sub: 'd.jansen',
      roles: ['senior-assessor', 'oversight'],
      actingRole: 'senior-assessor',
    });
  });

  it('offers the provider when the server names one, and explains when it names none', () => {
    const { rerender } = render(
      <SignInPage
        config={{
          kind: 'oidc',
          authority: 'https://id',
          clientId: 'c',
          scope: 'openid',
          rolesClaim: 'roles',
          subjectClaim: 'sub',
        }}
        onSignedIn={() => undefined}
        onOidcSignIn={() => undefined}
      />,
    );
    expect(screen.getByRole('button', { name: 'Aanmelden via de identiteitsprovider' })).toBeTruthy();
    rerender(
      <SignInPage config={{ kind: 'none' }} onSignedIn={() => undefined} onOidcSignIn={() => undefined} />,
    );
    expect(screen.getByText(/LICENCES_CONSOLE_OIDC_CLIENT_ID/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
