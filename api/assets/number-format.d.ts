export function axisNumber(value: number, lang: 'zh' | 'en'): string;
export function fullNumber(value: number | null | undefined, lang: 'zh' | 'en'): string;
