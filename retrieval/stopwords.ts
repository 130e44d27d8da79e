/** Words that carry no retrieval signal, in both languages; question words included so queries match content. */
const ZH = `的 了 和 与 及 以及 或 或者 等 等等 在 是 为 为了 对 对于 将 把 被 由 从 向 于 以 按照 根据 通过 其 其中 之 之一 这 那 这个 那个 这些 那些 该 各 每 也 都 还 又 并 并且 而 而且 但 但是 如 如果 则 就 即 要 应 应当 可 可以 能 能够 会 所 所有 有 有关 没有 不 中 上 下 内 外 后 前 时 年 月 日 个 项 条 次 我们 我 你 他 她 它 他们 我市 本 相关 进行 开展 一 一个 一些 什么 哪些 哪个 哪里 哪 多少 几 几个 如何 怎么 怎样 怎么样 为什么 是否 是不是 吗 呢 吧 啊 请问 谁 提出 主要 包括 具体 方面 哪一 些 需要`;
const EN = `a an the and or of to in on at for from by with as is are was were be been being it its this that these those what which who whom whose how why when where does do did done can could should would will shall may might must has have had having not no nor than then there their they them we our you your he she his her i me my about into over under between after before during per via each any all some such also if so`;

export const STOPWORDS: ReadonlySet<string> = new Set([...ZH.split(/\s+/), ...EN.split(/\s+/)]);
