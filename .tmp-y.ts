import { Parser, Composer, isScalar, isMap, isSeq, isAlias, isPair, type Node } from 'yaml';
function show(text: string) {
  const tokens = Array.from(new Parser().parse(text));
  const docs = Array.from(new Composer({ version: '1.2', schema: 'core', prettyErrors: false, uniqueKeys: false }).compose(tokens, true, text.length));
  for (const d of docs) {
    console.log('DOC range', d.range, 'errors', d.errors.map(e => [e.code, e.message, e.pos]), 'warn', d.warnings.map(e => [e.code, e.message, e.pos]));
    const visit = (n: unknown, ind: string) => {
      if (isScalar(n)) console.log(ind, 'S', JSON.stringify(n.value), n.type, n.tag, n.range, JSON.stringify(text.slice(n.range![0], n.range![1])), n.anchor ?? '');
      else if (isAlias(n)) console.log(ind, 'A', n.source, n.range);
      else if (isMap(n) || isSeq(n)) { console.log(ind, isMap(n) ? 'M' : 'Q', n.tag, n.range, JSON.stringify(text.slice(n.range![0], n.range![1]))); for (const it of n.items) visit(it, ind + '  '); }
      else if (isPair(n)) { visit(n.key, ind + 'k'); visit(n.value, ind + 'v'); }
      else console.log(ind, 'other', n);
    };
    visit(d.contents, '');
  }
}
show(process.argv[2]!.replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\ufeff/g, '\ufeff'));
