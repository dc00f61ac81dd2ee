// The request's locale for server components: the first usable language of Accept-Language.
import 'server-only';
import { headers } from 'next/headers';
import { localeFromAcceptLanguage } from './format';

export async function requestLocale(): Promise<string> {
  return localeFromAcceptLanguage((await headers()).get('accept-language'));
}
