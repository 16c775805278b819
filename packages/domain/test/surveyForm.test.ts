import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSurveyForm, ratingQuestions } from '../src/index.ts';

const dir = path.resolve(import.meta.dirname, '../../../content/surveys');

describe('survey forms', () => {
  it('parses every shipped form, marked as an example', () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const r = parseSurveyForm(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      if ('issues' in r) throw new Error(`${f}: ${r.issues.map((i) => i.message).join('; ')}`);
      expect(r.form.isExample).toBe(true);
      expect(ratingQuestions(r.form).length).toBeGreaterThan(5);
    }
  });

  it('names the question of each problem in Vietnamese', () => {
    const base = JSON.parse(fs.readFileSync(path.join(dir, 'phieu-01a-nguoi-dan.json'), 'utf8'));
    base.sections[1].questions[0].element = 'XX';
    base.sections[1].questions[1].code = 'TC1';
    base.sections[0].questions[3].options = [{ code: 'A', label: 'Một' }];
    const r = parseSurveyForm(base);
    expect('issues' in r && r.issues.map((i) => i.message)).toEqual([
      'Câu HT: câu hỏi lựa chọn cần ít nhất hai phương án.',
      'Câu TC1: yếu tố "XX" không có trong phiếu.',
      'Mã câu hỏi "TC1" bị trùng.',
    ]);
  });

  it('refuses a form without any scale question', () => {
    const r = parseSurveyForm({
      code: 'X',
      name: 'Phiếu',
      respondentKind: 'official',
      scale: ['1', '2', '3', '4', '5'],
      elements: [],
      sections: [{ code: 'I', title: 'Phần', questions: [{ code: 'Q', text: 'Ý kiến', type: 'text' }] }],
      aggregation: { element: 'pool', field: 'pool', unit: 'pool', overall: 'pool' },
    });
    expect('issues' in r && r.issues[0]!.message).toMatch(/chưa có câu hỏi thang 5 mức/);
  });
});
