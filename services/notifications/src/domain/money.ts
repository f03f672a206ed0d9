/** Integer minor units of an ISO currency, formatted for a customer (e.g. 2500 EUR -> "€25.00"). */
export const formatMoney = (amountCents: number, currency: string, locale = 'en-IE'): string => {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountCents / 10 ** digits);
};
