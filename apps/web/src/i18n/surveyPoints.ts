/** Texts of survey points in cycles: the read-only survey leaf of a self-assessment and the cycle's
 * bindings and sanction decisions. */
export const surveyPointsVi = {
  spFromSurvey: 'Lấy từ kết quả khảo sát',
  spReadOnly: 'Đơn vị không tự chấm tiêu chí này.',
  spCampaign: 'Đợt khảo sát {code}',
};

export const surveyPointsEn: typeof surveyPointsVi = {
  spFromSurvey: 'From the survey results',
  spReadOnly: 'The unit does not score this criterion itself.',
  spCampaign: 'Survey campaign {code}',
};
