// gen.mjs N — N regulated entities as an import CSV on stdout, with valid
// USCCs and names such that a search for 化工 matches one entity in six
// and one for 青山 matches one in eighty (a full page of 50 and more).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(n) {
  let body = '';
  for (let i = 0; i < 8; i++) { body = ALPHABET[n % 31] + body; n = Math.floor(n / 31); }
  const first = '913307' + 'BN' + '9' + body;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first[i]) * WEIGHTS[i];
  return first + ALPHABET[(31 - (sum % 31)) % 31];
}
const towns = ['东城街道', '西城街道', '江南街道', '石柱镇', '古山镇', '芝英镇', '方岩镇', '舟山镇'];
const brands = ['华鑫', '恒达', '金源', '宏盛', '东方', '新峰', '瑞丰', '天成', '佳美', '永盛',
  '昌隆', '汇通', '鼎泰', '博远', '嘉禾', '锦程', '盛世', '中天', '富达', '万隆'];
const kinds = [['化学原料和化学制品制造', '化工有限公司'], ['金属制品', '五金制品有限公司'],
  ['电镀', '表面处理有限公司'], ['纺织印染', '印染有限公司'], ['食品制造', '食品有限公司'],
  ['非金属矿物制品', '建材有限公司']];
const n = Number(process.argv[2] || 5000);
const out = ['uscc,name,address,township,industry,category'];
for (let i = 0; i < n; i++) {
  const [industry, suffix] = kinds[i % 6];
  const town = towns[Math.floor(i / 6) % 8];
  const brand = i % 80 === 7 ? '青山' : brands[Math.floor(i / 48) % 20];
  const name = `永安市${town.slice(0, 2)}${brand}${i}号${suffix}`;
  out.push([uscc(i + 1), name, `${town}工业园${i % 300}号`, town, industry,
    i % 10 === 0 ? 'key' : (i % 37 === 0 ? 'special' : 'general')].join(','));
}
process.stdout.write(out.join('\n') + '\n');
