// An email's plain-text and HTML bodies from one message: the same words, a greeting, the link back
// into the app, and why the recipient got it. Amounts are already in dollars in the message text.
import { env } from '../../env';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Where links point: APP_URL, or this machine on PORT. */
const appUrl = (): string => env().APP_URL ?? `http://localhost:${env().PORT}`;

const absolute = (link: string): string => (/^https?:\/\//.test(link) ? link : `${appUrl()}${link}`);

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function renderEmail(input: {
  recipientName: string;
  title: string;
  body: string;
  link: string;
  linkLabel?: string;
  footer?: string;
}): EmailContent {
  const url = absolute(input.link);
  const label = input.linkLabel ?? 'Open Leasebook';
  const footer = input.footer ?? 'You get this email because you have a Leasebook account.';
  const text = [
    `Hello ${input.recipientName},`,
    '',
    input.body,
    '',
    `${label}: ${url}`,
    '',
    '—',
    footer,
    '',
  ].join('\n');
  const paragraphs = input.body
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title></head>
<body style="margin:0;padding:24px;background:#f6f7f9;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#111827">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(input.title)}</h1>
<p style="margin:0 0 16px">Hello ${escapeHtml(input.recipientName)},</p>
${paragraphs}
<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="background:#0f766e;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a></p>
<p style="margin:0;font-size:12px;color:#6b7280">${escapeHtml(footer)}</p>
</div></body></html>`;
  return { subject: input.title, text, html };
}
