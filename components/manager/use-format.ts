// The manager formatters in the locale the providers set (client components).
import { useLocale } from '@/components/ui/locale';
import { type Format, makeFormat } from './format';

export const useFormat = (): Format => makeFormat(useLocale());
