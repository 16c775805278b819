/** Texts of the calendar page (issue #16 item 7), Vietnamese and English with the same keys. */

export const calendarVi = {
  calMenu: 'Lịch công tác',
  calTitle: 'Lịch các hạn của tôi',
  calHint:
    'Hạn cuối các giai đoạn kỳ đánh giá, hạn gửi báo cáo và các mốc khảo sát của những đơn vị bạn theo dõi (hạn tính cả ngày ghi).',
  calAllUnits: 'Tất cả đơn vị của tôi',
  calRange: 'Khoảng thời gian',
  calNone: 'Không có hạn nào trong khoảng thời gian này.',
  calToday: 'Hôm nay',
  calPast: 'Đã qua',
  calFeed: 'Đưa lịch vào ứng dụng lịch (ICS)',
  calFeedHint:
    'Đường dẫn bí mật chỉ cho xem lịch các hạn của bạn (không đăng nhập được vào hệ thống). Ai có đường dẫn đều xem được lịch: đừng chia sẻ; khi lộ, hãy tạo đường dẫn mới hoặc thu hồi.',
  calFeedActive: 'Đang dùng một đường dẫn lịch, tạo lúc {at}.',
  calFeedNone: 'Chưa có đường dẫn lịch nào đang dùng.',
  calFeedMake: 'Tạo đường dẫn lịch',
  calFeedRemake: 'Tạo đường dẫn mới (đường dẫn cũ thôi dùng)',
  calFeedRevoke: 'Thu hồi đường dẫn',
  calFeedRevokeConfirm: 'Thu hồi đường dẫn lịch? Các ứng dụng lịch đang dùng nó sẽ không cập nhật được nữa.',
  calFeedShownOnce: 'Sao chép đường dẫn này ngay: hệ thống chỉ hiện nó một lần.',
  calFeedCopied: 'Đã sao chép đường dẫn.',
  calFeedRevoked: 'Đã thu hồi đường dẫn lịch.',
  calCopy: 'Sao chép',
};

export const calendarEn: typeof calendarVi = {
  calMenu: 'Calendar',
  calTitle: 'My deadlines',
  calHint:
    'Last days of cycle stages, report due dates and survey milestones of the units you follow (the day shown included).',
  calAllUnits: 'All my units',
  calRange: 'Period',
  calNone: 'No deadline in this period.',
  calToday: 'Today',
  calPast: 'Past',
  calFeed: 'Add to a calendar application (ICS)',
  calFeedHint:
    'A secret link that only shows your deadlines (it cannot sign in). Anyone with the link can read the calendar: do not share it; if it leaks, make a new one or revoke it.',
  calFeedActive: 'A calendar link is in use, made at {at}.',
  calFeedNone: 'No calendar link in use.',
  calFeedMake: 'Make a calendar link',
  calFeedRemake: 'Make a new link (the old one stops working)',
  calFeedRevoke: 'Revoke the link',
  calFeedRevokeConfirm: 'Revoke the calendar link? Calendar applications using it will stop updating.',
  calFeedShownOnce: 'Copy this link now: it is shown only once.',
  calFeedCopied: 'Link copied.',
  calFeedRevoked: 'Calendar link revoked.',
  calCopy: 'Copy',
};
