/* Numbers in the page's locale (Intl.NumberFormat): 4.095 in pt-BR, 4,095 in en. */
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';

export default function useFormatNumber(): (n: number) => string {
  const { i18n } = useDocusaurusContext();
  const nf = new Intl.NumberFormat(i18n.currentLocale);
  return (n) => nf.format(n);
}
