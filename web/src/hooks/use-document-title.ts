import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import { profileQuery } from '../api/queries.ts';
import { pickLocalized } from '../i18n/localized-text.ts';

/** Sets `<title>` to "page – forum" (forum abbreviation, or the product name before a profile exists). */
export function useDocumentTitle(page: string | null): void {
  const intl = useIntl();
  const profile = useQuery(profileQuery);
  const site = pickLocalized(profile.data?.abbreviation, intl.locale)?.text ?? intl.formatMessage({ id: 'app.name' });
  useEffect(() => {
    document.title = page ? intl.formatMessage({ id: 'document.title' }, { page, site }) : site;
  }, [intl, page, site]);
}
