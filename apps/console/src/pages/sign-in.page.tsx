import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Page,
  PageContent,
  Paragraph,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ROLES } from '@licences/shared-identity';
import type { Role } from '@licences/shared-identity';
import { developmentSignIn, OFFICIAL_NAME } from '../auth/development-sign-in';
import type { Session } from '../auth/session';
import type { SignInConfig } from '../console-config';
import { TextField } from '../components/form-fields';
import { defineMessages, useMessages } from '../i18n/i18n';
import { roleMessages } from '../layout/role.messages';
import { usePageTitle } from '../layout/page-title';

const messages = defineMessages({
  nl: {
    title: 'Aanmelden',
    developmentWarning:
      'Ontwikkelmodus: u kiest zelf naam en rol, en de console ondertekent het token met het ontwikkelgeheim. Een server buiten de ontwikkelmodus weigert zulke tokens.',
    name: 'Naam (gebruikersnaam)',
    nameHelp:
      'Zoals het register hem vastlegt, bijvoorbeeld b.de-vries. Letters, cijfers, punt, streep en @.',
    nameInvalid:
      'Vul een naam in van 1 tot 100 tekens: letters, cijfers, punt, streep, liggend streepje of @.',
    roles: 'Rollen',
    rolesHelp: 'Kies één of meer rollen; met meer rollen kiest u bovenin waarin u werkt.',
    rolesMissing: 'Kies ten minste één rol.',
    signIn: 'Aanmelden',
    oidc: 'Aanmelden via de identiteitsprovider',
    oidcHelp: 'U wordt doorgestuurd naar de identiteitsprovider van uw organisatie en daarna teruggebracht.',
    none: 'De server heeft geen aanmelding voor de console ingesteld. Vraag de beheerder LICENCES_CONSOLE_OIDC_ISSUER en LICENCES_CONSOLE_OIDC_CLIENT_ID in te stellen.',
  },
  en: {
    title: 'Sign in',
    developmentWarning:
      'Development mode: you choose your own name and role, and the console signs the token with the development secret. A server outside development mode refuses such tokens.',
    name: 'Name (user name)',
    nameHelp: 'As the record keeps it, for example b.de-vries. Letters, digits, dot, dash and @.',
    nameInvalid: 'Enter a name of 1 to 100 characters: letters, digits, dot, dash, underscore or @.',
    roles: 'Roles',
    rolesHelp: 'Choose one or more roles; with several you choose at the top which one you act in.',
    rolesMissing: 'Choose at least one role.',
    signIn: 'Sign in',
    oidc: 'Sign in with the identity provider',
    oidcHelp: "You are sent to your organisation's identity provider and brought back afterwards.",
    none: 'The server has no sign-in for the console. Ask the administrator to set LICENCES_CONSOLE_OIDC_ISSUER and LICENCES_CONSOLE_OIDC_CLIENT_ID.',
  },
});

export function SignInPage({
  config,
  onSignedIn,
  onOidcSignIn,
  error,
}: {
  config: SignInConfig;
  onSignedIn: (session: Session) => void;
  onOidcSignIn: () => void;
  error?: string | undefined;
}) {
  const t = useMessages(messages);
  const roleNames = useMessages(roleMessages);
  usePageTitle(t.title);
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [problems, setProblems] = useState<{ name?: string; roles?: string; other?: string }>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      ...(!OFFICIAL_NAME.test(name.trim()) && { name: t.nameInvalid }),
      ...(roles.length === 0 && { roles: t.rolesMissing }),
    };
    setProblems(found);
    if (found.name || found.roles) return;
    try {
      onSignedIn(await developmentSignIn(name.trim(), roles, new Date()));
    } catch (e) {
      setProblems({ other: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <Page>
      <PageContent>
        <main id="main" className="console-sign-in">
          <Heading1>{t.title}</Heading1>
          {error && (
            <Alert type="error" role="alert">
              <Paragraph>{error}</Paragraph>
            </Alert>
          )}
          {config.kind === 'development' && (
            <form onSubmit={(e) => void submit(e)} noValidate>
              <Alert type="warning">
                <Paragraph>{t.developmentWarning}</Paragraph>
              </Alert>
              <TextField
                id="official-name"
                label={t.name}
                description={t.nameHelp}
                value={name}
                onChange={setName}
                error={problems.name}
                autoComplete="username"
                required
              />
              <Fieldset invalid={problems.roles !== undefined} aria-describedby="roles-help">
                <FieldsetLegend>{t.roles}</FieldsetLegend>
                <FormFieldDescription id="roles-help">{t.rolesHelp}</FormFieldDescription>
                {problems.roles && <FormFieldErrorMessage>{problems.roles}</FormFieldErrorMessage>}
                {ROLES.map((role) => (
                  <FormField key={role} type="checkbox">
                    <Paragraph className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                      <FormLabel htmlFor={`role-${role}`} type="checkbox">
                        <Checkbox
                          id={`role-${role}`}
                          name="roles"
                          value={role}
                          checked={roles.includes(role)}
                          onChange={(e) =>
                            setRoles((current) =>
                              e.target.checked ? [...current, role] : current.filter((r) => r !== role),
                            )
                          }
                        />
                        {roleNames[role]}
                      </FormLabel>
                    </Paragraph>
                  </FormField>
                ))}
              </Fieldset>
              {problems.other && (
                <Alert type="error" role="alert">
                  <Paragraph>{problems.other}</Paragraph>
                </Alert>
              )}
              <Button type="submit" appearance="primary-action-button">
                {t.signIn}
              </Button>
            </form>
          )}
          {config.kind === 'oidc' && (
            <>
              <Paragraph>{t.oidcHelp}</Paragraph>
              <Button appearance="primary-action-button" onClick={onOidcSignIn}>
                {t.oidc}
              </Button>
            </>
          )}
          {config.kind === 'none' && (
            <Alert type="warning">
              <Paragraph>{t.none}</Paragraph>
            </Alert>
          )}
        </main>
      </PageContent>
    </Page>
  );
}
